import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { VALID_INPUT, type ValidatedRequest } from './input-validation.interceptor.ts';

/**
 * The request's query and path as the route's `@Input` schemas parsed them.
 *
 * @example
 * wait(@ValidInput() { query }: { query: { ms: number } }) { … }
 */
export const ValidInput = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<ValidatedRequest>()[VALID_INPUT],
);

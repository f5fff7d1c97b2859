import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import type { z } from 'zod';
import { ROUTE_INPUT, type RouteInput } from './input.ts';

/** Where the validated input waits for {@link ValidInput}. */
export const VALID_INPUT = Symbol('ValidInput');

export interface ValidatedRequest {
  query?: unknown;
  params?: unknown;
  body?: unknown;
  [VALID_INPUT]?: { query: unknown; params: unknown; body: unknown };
}

/**
 * The app's one validation step: every route declares its input with
 * `@Input` (or `declareInput`), and a request that does not fit gets a 400
 * naming each field, before any handler runs. A route that declares nothing
 * is a defect of the app, and says so.
 */
@Injectable()
export class InputValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const input = this.reflector.get<RouteInput | undefined>(ROUTE_INPUT, context.getHandler());
    if (!input) {
      throw new Error(
        `${context.getClass().name}.${context.getHandler().name} declares no input: add @Input(…) to it.`,
      );
    }
    const request = context.switchToHttp().getRequest<ValidatedRequest>();
    const query = check(input.query, request.query ?? {});
    const params = check(input.params, request.params ?? {});
    const body = check(input.body, request.body);
    request[VALID_INPUT] = { query, params, body };
    return next.handle();
  }
}

function check(schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new BadRequestException(result.error.issues.map((issue) => issue.message).join('; '));
}

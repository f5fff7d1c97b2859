import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiParam, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';

/** What a route accepts in its query string, path and JSON body, as schemas. */
export interface RouteInput {
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
  readonly body?: z.ZodType;
}

export const ROUTE_INPUT = Symbol('RouteInput');

/**
 * Declares what a route accepts; the app's one validation step
 * ({@link InputValidationInterceptor}) checks every request against it and
 * answers 400 naming the field, before the handler runs.
 *
 * @example
 * @Get('async')
 * @Input({ query: z.object({ ms: wholeNumber('ms', 0, 10_000).default(1000) }) })
 * wait(@ValidInput() { query }: Valid<…>) { … }
 */
export function Input(input: RouteInput): MethodDecorator {
  // The interactive docs (/docs) list the same fields, from the same schemas.
  const documented = [
    ...fieldsOf(input.query).map(([name, required]) => ApiQuery({ name, required, type: String })),
    ...fieldsOf(input.params).map(([name]) => ApiParam({ name, type: String })),
  ];
  return applyDecorators(SetMetadata(ROUTE_INPUT, input), ...documented);
}

function fieldsOf(schema: z.ZodType | undefined): Array<[string, boolean]> {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => [
    name,
    !field.safeParse(undefined).success,
  ]);
}

/**
 * The same declaration for a handler the app imports (an exercise's solution)
 * and cannot decorate: `@Input` applied to it from outside.
 */
export function declareInput<T extends object>(
  controller: new (...args: never[]) => T,
  method: keyof T & string,
  input: RouteInput,
): void {
  const descriptor = Object.getOwnPropertyDescriptor(controller.prototype, method);
  if (!descriptor) throw new Error(`${controller.name} has no method ${method}`);
  Input(input)(controller.prototype, method, descriptor);
}

/** One value of a query string or path: given once, as text (a repeated key arrives as an array). */
const single = (name: string) =>
  z.string({
    error: (issue) =>
      issue.input === undefined
        ? `${name} is missing`
        : Array.isArray(issue.input)
          ? `${name} must be given once, not ${issue.input.length} times`
          : `${name} must be a single value, not ${JSON.stringify(issue.input)}`,
  });

/**
 * A whole number from `min` to `max`, written in decimal digits.
 *
 * @example
 * z.object({ ms: wholeNumber('ms', 0, 10_000).default(1000) })
 */
export function wholeNumber(name: string, min: number, max: number) {
  return single(name)
    .regex(/^-?\d{1,16}$/, { error: `${name} must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `${name} must be a whole number from ${min} to ${max}` })
        .max(max, { error: `${name} must be a whole number from ${min} to ${max}` }),
    );
}

/** Any number, as the lesson's /add takes it ("3", "-1.5", "2e3"). */
export function anyNumber(name: string) {
  return single(name).refine((text) => text.trim() !== '' && Number.isFinite(Number(text)), {
    error: `${name} must be a number`,
  });
}

/** A UUID, as job ids are. */
export function uuid(name: string) {
  return single(name).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    error: `${name} must be a job id as POST /files gave it (a UUID)`,
  });
}

/** A route that takes nothing: extra query keys are ignored. */
export const NO_INPUT: RouteInput = {};

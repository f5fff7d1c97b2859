import { BadRequestException } from '@nestjs/common';

/**
 * A query parameter as a whole number within bounds, or a 400 that names the
 * parameter and its range.
 */
export function boundedInt(
  raw: unknown,
  name: string,
  min: number,
  max: number,
  fallback?: number,
): number {
  if ((raw === undefined || raw === '') && fallback !== undefined) return fallback;
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadRequestException(
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw ?? null)}`,
    );
  }
  return value;
}

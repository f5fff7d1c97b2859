import { BadRequestException } from '@nestjs/common';
import type { RowsQuery } from './rows.repository.ts';

const LIMITS = { count: { min: 1, max: 100_000 }, delayMs: { min: 0, max: 5_000 } } as const;

/**
 * Reads `count` and `delayMs` from a query string; anything outside the
 * limits is a 400 that says which parameter is wrong and what is allowed.
 */
export function parseRowsQuery(query: Record<string, unknown>): RowsQuery {
  const read = (name: keyof typeof LIMITS, fallback: number) => {
    const raw = query[name];
    const { min, max } = LIMITS[name];
    if (raw === undefined) return fallback;
    const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new BadRequestException(
        `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
      );
    }
    return value;
  };
  return { count: read('count', 10), delayMs: read('delayMs', 100) };
}

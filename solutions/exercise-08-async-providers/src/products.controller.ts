// Provided by the exercise: leave this file as it is.
import { BadRequestException, Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { Cache } from './dependencies/cache.ts';
import type { Database } from './dependencies/database.ts';
import type { FeatureFlags } from './dependencies/feature-flags.ts';
import { CACHE, DATABASE, FEATURE_FLAGS } from './tokens.ts';

@Controller()
export class ProductsController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(FEATURE_FLAGS) private readonly flags: FeatureFlags,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  /** `GET /products/:id` → the product from the cache, and a flag. */
  @Get('products/:id')
  product(@Param('id') id: string) {
    return { id, name: this.cache.get(id) ?? null, newCheckout: this.flags.isOn('new-checkout') };
  }

  /** `GET /report?ms=N` → a slow query on the database (N ms, 1 to 5000). */
  @Get('report')
  async report(@Query('ms') ms: unknown) {
    const value = typeof ms === 'string' && /^\d{1,4}$/.test(ms) ? Number(ms) : Number.NaN;
    if (!(value >= 1 && value <= 5_000)) {
      throw new BadRequestException('ms must be a whole number from 1 to 5000.');
    }
    return this.database.query('report', value);
  }

  /** `GET /health` → `{ status: 'ok' }`. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

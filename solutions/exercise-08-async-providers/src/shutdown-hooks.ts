import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Cache } from './dependencies/cache.ts';
import type { Database } from './dependencies/database.ts';
import type { FeatureFlags } from './dependencies/feature-flags.ts';
import { CACHE, DATABASE, FEATURE_FLAGS } from './tokens.ts';

@Injectable()
export class ShutdownHooks implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(FEATURE_FLAGS) private readonly flags: FeatureFlags,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  /**
   * Nest 12's `app.close()`: onModuleDestroy, beforeApplicationShutdown, then
   * the HTTP server stops taking connections and waits for the requests in
   * flight, then onApplicationShutdown. Here no request can still need a
   * dependency; what depends on the pool closes before the pool.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.cache.close();
    await this.flags.close();
    await this.database.close();
  }
}

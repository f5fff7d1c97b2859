import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Cache } from './dependencies/cache.ts';
import type { Database } from './dependencies/database.ts';
import type { FeatureFlags } from './dependencies/feature-flags.ts';
import { CACHE, DATABASE, FEATURE_FLAGS } from './tokens.ts';

@Injectable()
export class ShutdownHooks implements OnModuleDestroy {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(FEATURE_FLAGS) private readonly flags: FeatureFlags,
    @Inject(CACHE) private readonly cache: Cache,
  ) {}

  /**
   * TODO (hint 3): Nest calls onModuleDestroy before it stops the HTTP server, while
   * requests are still being served: a request that needs the pool then
   * fails. Close in a hook that runs once the server has finished its
   * requests, and close what depends on the pool before the pool.
   */
  async onModuleDestroy(): Promise<void> {
    await this.database.close();
    await this.flags.close();
    await this.cache.close();
  }
}

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

  /** The cache and the flags close together (neither needs the other), then the pool they may use. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.cache.close(), this.flags.close()]);
    await this.database.close();
  }
}

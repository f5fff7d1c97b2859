import { Module } from '@nestjs/common';
import { Cache } from './dependencies/cache.ts';
import { Database } from './dependencies/database.ts';
import { FeatureFlags } from './dependencies/feature-flags.ts';
import { ProductsController } from './products.controller.ts';
import { flagsUrl } from './settings.ts';
import { ShutdownHooks } from './shutdown-hooks.ts';
import { CACHE, DATABASE, FEATURE_FLAGS } from './tokens.ts';

const DEPENDENCIES = Symbol('DEPENDENCIES');

interface Dependencies {
  readonly database: Database;
  readonly flags: FeatureFlags;
  readonly cache: Cache;
}

@Module({
  controllers: [ProductsController],
  providers: [
    {
      provide: DEPENDENCIES,
      // TODO (hints 1 and 2): one after another (400 + 600 + 200 ms), and forever if one never answers.
      // Give each dependency a provider of its own, so that Nest starts the independent
      // ones at the same time, and bound each one's start with startupTimeoutMs().
      useFactory: async (): Promise<Dependencies> => {
        const database = await Database.connect();
        const flags = await FeatureFlags.load(flagsUrl());
        const cache = await Cache.warm(database);
        return { database, flags, cache };
      },
    },
    { provide: DATABASE, useFactory: (all: Dependencies) => all.database, inject: [DEPENDENCIES] },
    {
      provide: FEATURE_FLAGS,
      useFactory: (all: Dependencies) => all.flags,
      inject: [DEPENDENCIES],
    },
    { provide: CACHE, useFactory: (all: Dependencies) => all.cache, inject: [DEPENDENCIES] },
    ShutdownHooks,
  ],
})
export class AppModule {}

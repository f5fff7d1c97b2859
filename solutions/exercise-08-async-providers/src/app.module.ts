import { Module } from '@nestjs/common';
import { Cache } from './dependencies/cache.ts';
import { Database } from './dependencies/database.ts';
import { FeatureFlags } from './dependencies/feature-flags.ts';
import { ProductsController } from './products.controller.ts';
import { flagsUrl, startupTimeoutMs } from './settings.ts';
import { ShutdownHooks } from './shutdown-hooks.ts';
import { startWithin } from './start-within.ts';
import { CACHE, DATABASE, FEATURE_FLAGS } from './tokens.ts';

// One async provider per dependency: Nest starts a module's providers at the
// same time and makes each one wait only for what it injects, so the
// database and the flags start together and the cache follows the database.
@Module({
  controllers: [ProductsController],
  providers: [
    {
      provide: DATABASE,
      useFactory: () => startWithin('the database', startupTimeoutMs(), () => Database.connect()),
    },
    {
      provide: FEATURE_FLAGS,
      useFactory: () =>
        startWithin('the feature flags', startupTimeoutMs(), (signal) =>
          FeatureFlags.load(flagsUrl(), { signal }),
        ),
    },
    {
      provide: CACHE,
      useFactory: (database: Database) =>
        startWithin('the cache', startupTimeoutMs(), () => Cache.warm(database)),
      inject: [DATABASE],
    },
    ShutdownHooks,
  ],
})
export class AppModule {}

import { type FactoryProvider, Module } from '@nestjs/common';
import { Cache } from './dependencies/cache.ts';
import { Database } from './dependencies/database.ts';
import { FeatureFlags } from './dependencies/feature-flags.ts';
import { ProductsController } from './products.controller.ts';
import { flagsUrl, startupTimeoutMs } from './settings.ts';
import { ShutdownHooks } from './shutdown-hooks.ts';
import { startWithin } from './start-within.ts';
import { CACHE, DATABASE, FEATURE_FLAGS } from './tokens.ts';

/**
 * One async provider for a dependency, its start bounded: the setting is read
 * when Nest makes the provider, so a `STARTUP_TIMEOUT_MS` set before the app
 * is created counts.
 */
function dependency<T, Injected extends unknown[]>(
  token: symbol | string,
  name: string,
  start: (signal: AbortSignal, ...injected: Injected) => Promise<T>,
  inject: Array<symbol | string> = [],
): FactoryProvider<Promise<T>> {
  return {
    provide: token,
    useFactory: (...injected: Injected) =>
      startWithin(name, startupTimeoutMs(), (signal) => start(signal, ...injected)),
    inject,
  };
}

@Module({
  controllers: [ProductsController],
  providers: [
    dependency(DATABASE, 'the database', () => Database.connect()),
    dependency(FEATURE_FLAGS, 'the feature flags', (signal) =>
      FeatureFlags.load(flagsUrl(), { signal }),
    ),
    dependency(CACHE, 'the cache', (_signal, database: Database) => Cache.warm(database), [
      DATABASE,
    ]),
    ShutdownHooks,
  ],
})
export class AppModule {}

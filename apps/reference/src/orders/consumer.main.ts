// A separate orders consumer: `REDIS_URL=… pnpm --filter @kit/reference-app consumer`.
// Start as many as you like, on as many machines as share the Redis; the app
// itself stops consuming with ORDERS_CONSUMER=separate. SIGTERM finishes the
// orders in hand, acknowledges them, and stops.
import { availableParallelism } from 'node:os';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ordersSettingsFrom, positiveIntegerFrom } from '../config/app-config.ts';
import { MetricsService } from '../metrics/metrics.service.ts';
import { OffloadService, WORKER_THREADS } from '../offload/offload.service.ts';
import { ORDERS_BROKER, type OrdersBroker } from './order.ts';
import { OrdersModule } from './orders.module.ts';

/** What the orders module takes from the app, in a process without the app. */
@Global()
@Module({})
class ConsumerProcessModule {
  static register(workerThreads: number): DynamicModule {
    return {
      module: ConsumerProcessModule,
      providers: [
        { provide: WORKER_THREADS, useValue: workerThreads },
        OffloadService,
        MetricsService,
      ],
      exports: [OffloadService, MetricsService],
    };
  }
}

let settings: ReturnType<typeof ordersSettingsFrom>;
let workerThreads: number;
try {
  settings = ordersSettingsFrom(process.env);
  workerThreads = positiveIntegerFrom(process.env, 'WORKER_THREADS', availableParallelism());
  if (!settings.redisUrl) {
    throw new Error(
      'REDIS_URL is not set: a separate consumer needs the Redis the app publishes to, e.g. REDIS_URL=redis://127.0.0.1:6379',
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

let context: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;
try {
  context = await NestFactory.createApplicationContext(
    {
      module: class ConsumerProcess {},
      imports: [
        ConsumerProcessModule.register(workerThreads),
        OrdersModule.register(settings, true),
      ],
    },
    { logger: ['error', 'warn'] },
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
await context.init();
const broker = context.get<OrdersBroker>(ORDERS_BROKER);
console.log(
  `Consuming orders from ${broker.description} as ${broker.consumerName} (prefetch ${settings.prefetch}, work on ${settings.workOn}); SIGTERM finishes the orders in hand and stops.`,
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void context.close().then(() => process.exit(0));
  });
}

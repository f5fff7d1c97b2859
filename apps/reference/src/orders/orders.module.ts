import { type DynamicModule, Module } from '@nestjs/common';
import type { OrdersSettings } from '../config/app-config.ts';
import { InProcessOrdersBroker } from './in-process.broker.ts';
import { ORDERS_BROKER, ORDERS_SETTINGS, type OrdersBroker } from './order.ts';
import { OrderWork } from './order-work.ts';
import { CONSUMES, OrdersConsumer } from './orders.consumer.ts';
import { OrdersController } from './orders.controller.ts';
import { RedisStreamsOrdersBroker } from './redis-streams.broker.ts';

/**
 * Orders and their consumer, on Redis Streams when `REDIS_URL` is set and on
 * the in-process broker otherwise. The app consumes unless
 * `ORDERS_CONSUMER=separate`; `consumer.main.ts` processes always do.
 */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: NestJS dynamic modules are classes with a static register().
export class OrdersModule {
  static register(
    settings: OrdersSettings,
    consumes = settings.consumer === 'in-app',
  ): DynamicModule {
    return {
      module: OrdersModule,
      controllers: [OrdersController],
      providers: [
        { provide: ORDERS_SETTINGS, useValue: settings },
        { provide: CONSUMES, useValue: consumes },
        {
          provide: ORDERS_BROKER,
          // A broker that cannot be reached stops start-up here, naming the variable.
          useFactory: async (): Promise<OrdersBroker> => {
            const broker = settings.redisUrl
              ? new RedisStreamsOrdersBroker(
                  settings.redisUrl,
                  settings.queue,
                  settings.claimIdleMs,
                )
              : new InProcessOrdersBroker(settings.queue);
            await broker.connect();
            return broker;
          },
        },
        OrderWork,
        OrdersConsumer,
      ],
    };
  }
}

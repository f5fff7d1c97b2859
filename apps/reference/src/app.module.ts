import { RowsController } from '@kit/solution-03-streamed-responses/rows.controller.ts';
import { RowsRepository } from '@kit/solution-03-streamed-responses/rows.repository.ts';
import { AddController } from '@kit/solution-04-event-loop-blocking/add.controller.ts';
import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from './config/app-config.ts';
import { HealthController } from './health/health.controller.ts';
import { HelloController } from './hello/hello.controller.ts';
import { JobsModule } from './jobs/jobs.module.ts';
import { MetricsController } from './metrics/metrics.controller.ts';
import { MetricsMiddleware } from './metrics/metrics.middleware.ts';
import { MetricsService } from './metrics/metrics.service.ts';
import { OffloadService, WORKER_THREADS } from './offload/offload.service.ts';
import { OrdersModule } from './orders/orders.module.ts';
import { TimingController } from './timing/timing.controller.ts';
import { UpstreamController } from './upstream/upstream.controller.ts';
import { UsersController } from './users/users.controller.ts';
import { usersProvider } from './users/users.provider.ts';
import { InputValidationInterceptor } from './validation/input-validation.interceptor.ts';
import './validation/lesson-inputs.ts';

/**
 * Every lesson in one app. The upstream fan-out, the streamed rows and /add
 * are the solutions of exercises 02, 03 and 04, used as they are; the orders
 * consumer is exercise 09's lesson on a broker of the configuration's choice.
 */
@Module({})
export class AppModule implements NestModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [JobsModule.register(config), OrdersModule.register(config.orders)],
      controllers: [
        HelloController,
        AddController,
        TimingController,
        UpstreamController,
        RowsController,
        UsersController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: WORKER_THREADS, useValue: config.workerThreads },
        OffloadService,
        RowsRepository,
        usersProvider,
        MetricsService,
        { provide: APP_INTERCEPTOR, useClass: InputValidationInterceptor },
      ],
      exports: [APP_CONFIG, OffloadService, MetricsService],
      global: true,
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MetricsMiddleware).forRoutes('*splat');
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.ts';
import { BullmqQueue } from './bullmq.queue.ts';
import { InProcessQueue } from './in-process.queue.ts';
import { JOB_QUEUE, JOB_STEP_MS } from './job.ts';
import { JobsController } from './jobs.controller.ts';

/** Uploads and their background jobs, on the queue the configuration picks. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: NestJS dynamic modules are classes with a static register().
export class JobsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: JobsModule,
      controllers: [JobsController],
      providers: [
        { provide: JOB_STEP_MS, useValue: config.jobStepMs },
        { provide: JOB_QUEUE, useClass: config.redisUrl ? BullmqQueue : InProcessQueue },
      ],
    };
  }
}

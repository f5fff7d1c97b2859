import { Module } from '@nestjs/common';
import { BullJobsService } from './bullmq/bull-jobs.service.ts';
import { jobsQueue } from './bullmq/settings.ts';
import { HealthController } from './health.controller.ts';
import { JobsController } from './jobs.controller.ts';
import { JobsService } from './jobs.service.ts';
import { JobsQueue } from './jobs-queue.ts';
import { UploadsController } from './uploads.controller.ts';

@Module({
  controllers: [UploadsController, JobsController, HealthController],
  providers: [
    {
      provide: JobsQueue,
      // Chosen when the app is created: JOBS_QUEUE=bullmq puts the jobs on Redis.
      useFactory: () => (jobsQueue() === 'bullmq' ? new BullJobsService() : new JobsService()),
    },
  ],
})
export class AppModule {}

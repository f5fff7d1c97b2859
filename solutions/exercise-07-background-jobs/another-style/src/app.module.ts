import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.ts';
import { JobsController } from './jobs.controller.ts';
import { JobsService } from './jobs.service.ts';
import { JobsQueue } from './jobs-queue.ts';
import { UploadsController } from './uploads.controller.ts';

@Module({
  controllers: [UploadsController, JobsController, HealthController],
  // The service is made when the app is, so it reads its settings then.
  providers: [JobsService, { provide: JobsQueue, useExisting: JobsService }],
})
export class AppModule {}

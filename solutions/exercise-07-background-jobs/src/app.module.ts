import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.ts';
import { JobsController } from './jobs.controller.ts';
import { JobsService } from './jobs.service.ts';
import { UploadsController } from './uploads.controller.ts';

@Module({
  controllers: [UploadsController, JobsController, HealthController],
  providers: [JobsService],
})
export class AppModule {}

// Provided by the exercise: leave this file as it is.
import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.ts';
import { PrimesController } from './primes.controller.ts';
import { PrimesService } from './primes.service.ts';

@Module({
  controllers: [PrimesController, HealthController],
  providers: [PrimesService],
})
export class AppModule {}

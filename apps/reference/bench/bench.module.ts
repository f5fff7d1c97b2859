import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../src/config/app-config.ts';
import { HelloController } from '../src/hello/hello.controller.ts';
import { OffloadService } from '../src/offload/offload.service.ts';
import { TimingController } from '../src/timing/timing.controller.ts';

/** The routes the benchmark loads, with nothing Express-only, so that Fastify can serve them too. */
@Module({
  controllers: [HelloController, TimingController],
  providers: [
    { provide: APP_CONFIG, useValue: { workerThreads: Number(process.env.WORKER_THREADS ?? 2) } },
    OffloadService,
  ],
})
export class BenchModule {}

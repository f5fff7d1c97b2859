import { extname } from 'node:path';
import { type DynamicModule, Module, UnsupportedMediaTypeException } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import type { AppConfig } from '../config/app-config.ts';
import { BullmqQueue } from './bullmq.queue.ts';
import { InProcessQueue } from './in-process.queue.ts';
import { JOB_QUEUE, JOB_STEP_MS } from './job.ts';
import { JobsController } from './jobs.controller.ts';

const TEXT_TYPES = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
]);
const TEXT_EXTENSIONS = new Set(['.csv', '.txt']);

/** Uploads and their background jobs, on the queue the configuration picks. */
@Module({})
// biome-ignore lint/complexity/noStaticOnlyClass: NestJS dynamic modules are classes with a static register().
export class JobsModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        MulterModule.register({
          storage: memoryStorage(),
          // Multer answers 413 before the body is even read past the limit.
          limits: { fileSize: config.maxUploadBytes, files: 1 },
          fileFilter: (_req, file, accept) => {
            const ok =
              TEXT_TYPES.has(file.mimetype) ||
              TEXT_EXTENSIONS.has(extname(file.originalname).toLowerCase());
            accept(
              ok
                ? null
                : new UnsupportedMediaTypeException(
                    `Only CSV or plain text files are processed, not ${file.mimetype}.`,
                  ),
              ok,
            );
          },
        }),
      ],
      controllers: [JobsController],
      providers: [
        { provide: JOB_STEP_MS, useValue: Number(process.env.JOB_STEP_MS ?? 100) },
        { provide: JOB_QUEUE, useClass: config.redisUrl ? BullmqQueue : InProcessQueue },
      ],
    };
  }
}

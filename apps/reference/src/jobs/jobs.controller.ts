import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../config/app-config.ts';
import { Input, NO_INPUT, uuid } from '../validation/input.ts';
import { ValidInput } from '../validation/valid-input.decorator.ts';
import { JOB_QUEUE, type JobQueue, type JobView } from './job.ts';
import { readUpload } from './upload.ts';

/** Express hands Nest the Node objects; Fastify wraps them and keeps them as `raw`. */
type NodeOrWrapped<T> = T | { raw: T };
const unwrap = <T extends object>(value: NodeOrWrapped<T>): T =>
  'raw' in value ? (value.raw as T) : value;

@ApiTags('background jobs')
@Controller()
export class JobsController {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('files')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary: 'Uploads a CSV or text file; answers 202 at once and processes it in the background.',
  })
  // The body is the input here: readUpload checks it as it streams in.
  @Input(NO_INPUT)
  async upload(
    @Req() request: NodeOrWrapped<IncomingMessage>,
    @Res({ passthrough: true }) response: NodeOrWrapped<ServerResponse>,
  ) {
    const file = await readUpload(unwrap(request), unwrap(response), {
      maxBytes: this.config.maxUploadBytes,
    });
    const jobId = await this.queue.enqueue(file);
    return { jobId, statusUrl: `/jobs/${jobId}` };
  }

  @Get('jobs/:id')
  @ApiOperation({
    summary: 'A job: queued, active, completed (with its result) or failed (with its error).',
  })
  @Input({ params: z.object({ id: z.string() }) })
  async job(@ValidInput() { params }: { params: { id: string } }): Promise<JobView> {
    // Any text is a job id to look for: one that is not a UUID is simply not found.
    const id = params.id;
    const job = uuid('id').safeParse(id).success ? await this.queue.view(id) : undefined;
    if (!job) throw new NotFoundException(`There is no job ${id}.`);
    return job;
  }
}

import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { JobsQueue } from './jobs-queue.ts';
import { maxUploadBytes } from './settings.ts';
import { saveUpload } from './upload.ts';

@Controller('uploads')
export class UploadsController {
  private readonly maxBytes = maxUploadBytes();

  constructor(private readonly jobs: JobsQueue) {}

  /**
   * `POST /uploads` with a CSV in the multipart field `file` → 202 at once,
   * `{ jobId, statusUrl }` and a `Location` header; the rows are processed
   * in the background.
   */
  @Post()
  @HttpCode(202)
  async upload(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const saved = await saveUpload(request, response, {
      jobsDir: this.jobs.dir,
      maxBytes: this.maxBytes,
    });
    const job = await this.jobs.accept(saved);
    const statusUrl = `/jobs/${job.id}`;
    response.setHeader('Location', statusUrl);
    return { jobId: job.id, statusUrl };
  }
}

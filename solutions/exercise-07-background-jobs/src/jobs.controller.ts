import { ConflictException, Controller, Get, NotFoundException, Param } from '@nestjs/common';
import type { Job } from './job.ts';
import { JobsQueue } from './jobs-queue.ts';

@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsQueue) {}

  /** `GET /jobs/:id` → its state, rows done, and its result or error once it has one. */
  @Get(':id')
  async status(@Param('id') id: string) {
    const job = await this.known(id);
    return {
      id: job.id,
      state: job.state,
      fileName: job.fileName,
      progress: { rowsDone: job.rowsDone },
      ...(job.result ? { result: job.result } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
  }

  /** `GET /jobs/:id/result` → the result of a completed job; 409 before that. */
  @Get(':id/result')
  async result(@Param('id') id: string) {
    const job = await this.known(id);
    if (job.state !== 'completed' || !job.result) {
      throw new ConflictException(
        `Job ${job.id} is ${job.state}: its result exists once it is completed.${job.error ? ` It failed: ${job.error}` : ''}`,
      );
    }
    return job.result;
  }

  private async known(id: string): Promise<Job> {
    const job = await this.jobs.find(id);
    if (!job) throw new NotFoundException(`There is no job ${JSON.stringify(id)}.`);
    return job;
  }
}

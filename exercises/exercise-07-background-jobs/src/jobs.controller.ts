import { Controller, Get, NotImplementedException, Param } from '@nestjs/common';
import { JobsService } from './jobs.service.ts';

@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /** TODO (hint 2): `GET /jobs/:id` → `{ id, state, progress: { rowsDone }, result?, error? }`; 404 for no such job. */
  @Get(':id')
  status(@Param('id') id: string) {
    throw new NotImplementedException(
      `GET /jobs/${id} is yours to write (${this.jobs.constructor.name}).`,
    );
  }

  /** TODO (hint 2): `GET /jobs/:id/result` → the result of a completed job; 409 before that; 404 for no such job. */
  @Get(':id/result')
  result(@Param('id') id: string) {
    throw new NotImplementedException(`GET /jobs/${id}/result is yours to write.`);
  }
}

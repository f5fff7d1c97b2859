import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JOB_QUEUE, type JobQueue, type JobView } from './job.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@ApiTags('background jobs')
@Controller()
export class JobsController {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  @Post('files')
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary: 'Uploads a CSV or text file; answers 202 at once and processes it in the background.',
  })
  async upload(@UploadedFile() file: Express.Multer.File | undefined) {
    if (!file)
      throw new BadRequestException(
        'Send the file as multipart/form-data in a field named "file".',
      );
    const jobId = await this.queue.enqueue({ name: file.originalname, content: file.buffer });
    return { jobId, statusUrl: `/jobs/${jobId}` };
  }

  @Get('jobs/:id')
  @ApiOperation({
    summary: 'A job: queued, active, completed (with its result) or failed (with its error).',
  })
  async job(@Param('id') id: string): Promise<JobView> {
    const job = UUID.test(id) ? await this.queue.view(id) : undefined;
    if (!job) throw new NotFoundException(`There is no job ${id}.`);
    return job;
  }
}

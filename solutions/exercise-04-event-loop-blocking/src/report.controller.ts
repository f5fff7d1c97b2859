import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { Controller, Get } from '@nestjs/common';
import { REPORT_KEY } from './settings.ts';

const pbkdf2Async = promisify(pbkdf2);

@Controller('report')
export class ReportController {
  /** `GET /report` → `{ key }`: derives a key, an expensive computation on purpose. */
  @Get()
  async report(): Promise<{ key: string }> {
    // The async twin runs the derivation on libuv's thread pool; the event loop stays free.
    const { password, salt, iterations, length, digest } = REPORT_KEY;
    const key = await pbkdf2Async(password, salt, iterations, length, digest);
    return { key: key.toString('hex') };
  }
}

import { pbkdf2Sync } from 'node:crypto';
import { Controller, Get } from '@nestjs/common';
import { REPORT_KEY } from './settings.ts';

@Controller('report')
export class ReportController {
  /** `GET /report` → `{ key }`: derives a key, an expensive computation on purpose. */
  @Get()
  async report(): Promise<{ key: string }> {
    // TODO: pbkdf2Sync holds the event loop for the whole derivation. Node has an
    // async twin that runs it on the libuv thread pool (hint 3).
    const { password, salt, iterations, length, digest } = REPORT_KEY;
    const key = pbkdf2Sync(password, salt, iterations, length, digest);
    return { key: key.toString('hex') };
  }
}

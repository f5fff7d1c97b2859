import { pbkdf2 } from 'node:crypto';
import { Controller, Get } from '@nestjs/common';
import { REPORT_KEY } from './settings.ts';

@Controller('report')
export class ReportController {
  @Get()
  report(): Promise<{ key: string }> {
    const { password, salt, iterations, length, digest } = REPORT_KEY;
    // pbkdf2 with a callback: the derivation runs on libuv's thread pool.
    return new Promise((resolve, reject) => {
      pbkdf2(password, salt, iterations, length, digest, (error, key) => {
        if (error) reject(error);
        else resolve({ key: key.toString('hex') });
      });
    });
  }
}

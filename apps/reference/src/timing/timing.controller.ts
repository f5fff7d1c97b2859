import { setTimeout } from 'node:timers/promises';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { boundedInt } from '../config/bounded-int.ts';
import { OffloadService } from '../offload/offload.service.ts';
import { block } from '../offload/tasks.mjs';

@ApiTags('the event loop')
@Controller()
export class TimingController {
  constructor(private readonly offload: OffloadService) {}

  @Get('async')
  @ApiOperation({ summary: 'Waits `ms` without blocking: other requests run meanwhile.' })
  async wait(@Query('ms') ms?: string) {
    const waitedMs = boundedInt(ms, 'ms', 0, 10_000, 1000);
    await setTimeout(waitedMs);
    return { waitedMs };
  }

  @Get('blocking')
  @ApiOperation({
    summary:
      'ANTI-PATTERN, kept for the demos: blocks the event loop for `ms`; every other request waits.',
  })
  blocking(@Query('ms') ms?: string) {
    // The anti-pattern, on purpose: the very work /offloaded runs on a worker, here on the event loop.
    return block({ ms: boundedInt(ms, 'ms', 0, 10_000, 1000) });
  }

  @Get('offloaded')
  @ApiOperation({
    summary: 'The same blocking work on a worker thread: the event loop stays free.',
  })
  offloaded(@Query('ms') ms?: string) {
    return this.offload.block(boundedInt(ms, 'ms', 0, 10_000, 1000));
  }

  @Get('cpu-task/:n')
  @ApiOperation({ summary: 'CPU-bound work (counting primes up to n) on the worker pool.' })
  cpuTask(@Param('n') n: string) {
    return this.offload.countPrimes(boundedInt(n, 'n', 1, 5_000_000));
  }
}

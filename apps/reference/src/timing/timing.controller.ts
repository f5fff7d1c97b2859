import { setTimeout } from 'node:timers/promises';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { OffloadService } from '../offload/offload.service.ts';
import { block } from '../offload/tasks.mjs';
import { Input, wholeNumber } from '../validation/input.ts';
import { ValidInput } from '../validation/valid-input.decorator.ts';

/** `?ms=`: how long to wait or block, 1 s by default, 10 s at most. */
const DURATION = { query: z.object({ ms: wholeNumber('ms', 0, 10_000).default(1000) }) };
type Duration = { query: { ms: number } };

@ApiTags('the event loop')
@Controller()
export class TimingController {
  constructor(private readonly offload: OffloadService) {}

  @Get('async')
  @ApiOperation({ summary: 'Waits `ms` without blocking: other requests run meanwhile.' })
  @Input(DURATION)
  async wait(@ValidInput() { query }: Duration) {
    await setTimeout(query.ms);
    return { waitedMs: query.ms };
  }

  @Get('blocking')
  @ApiOperation({
    summary:
      'ANTI-PATTERN, kept for the demos: blocks the event loop for `ms`; every other request waits.',
  })
  @Input(DURATION)
  blocking(@ValidInput() { query }: Duration) {
    // The anti-pattern, on purpose: the very work /offloaded runs on a worker, here on the event loop.
    return block({ ms: query.ms });
  }

  @Get('offloaded')
  @ApiOperation({
    summary: 'The same blocking work on a worker thread: the event loop stays free.',
  })
  @Input(DURATION)
  offloaded(@ValidInput() { query }: Duration) {
    return this.offload.block(query.ms);
  }

  @Get('cpu-task/:n')
  @ApiOperation({ summary: 'CPU-bound work (counting primes up to n) on the worker pool.' })
  @Input({ params: z.object({ n: wholeNumber('n', 1, 5_000_000) }) })
  cpuTask(@ValidInput() { params }: { params: { n: number } }) {
    return this.offload.countPrimes(params.n);
  }
}

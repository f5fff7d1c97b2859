// Provided by the exercise: leave this file as it is. The work is in primes.service.ts.

import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Response } from 'express';
import { PoolFullError } from './pool-full.error.ts';
import { PrimesService } from './primes.service.ts';
import { MAX_BELOW } from './settings.ts';

function parseBelow(raw: unknown, name: string): number {
  const value = typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_BELOW) {
    throw new BadRequestException(
      `${name} must be a whole number from 0 to ${MAX_BELOW}, got ${JSON.stringify(raw ?? null)}`,
    );
  }
  return value;
}

/** Aborts when the client goes away before its answer is sent. */
function clientGone(response: Response): AbortSignal {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

@Controller()
export class PrimesController {
  constructor(private readonly primes: PrimesService) {}

  /** `GET /primes?below=N` → `{ below, count }`. */
  @Get('primes')
  async one(@Query('below') below: unknown, @Res({ passthrough: true }) response: Response) {
    const value = parseBelow(below, 'below');
    return this.busyAware(response, () => this.primes.count(value, clientGone(response)));
  }

  /** `POST /primes/batch` with `{ "below": [N, …] }` → one `{ below, count }` per item, in order. */
  @Post('primes/batch')
  @HttpCode(200)
  async batch(@Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const items = (body as { below?: unknown } | undefined)?.below;
    if (!Array.isArray(items) || items.length === 0 || items.length > 64) {
      throw new BadRequestException('Send { "below": [N, …] }: an array of 1 to 64 numbers.');
    }
    const values = items.map((item, index) => parseBelow(item, `below[${index}]`));
    return this.busyAware(response, () => this.primes.countAll(values, clientGone(response)));
  }

  private async busyAware<T>(response: Response, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof PoolFullError)) throw error;
      response.setHeader('Retry-After', '1');
      throw new ServiceUnavailableException(error.message);
    }
  }
}

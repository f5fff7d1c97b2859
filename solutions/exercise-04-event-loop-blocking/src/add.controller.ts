import { BadRequestException, Controller, Get, Query } from '@nestjs/common';

/** A query value as a number; a missing or blank one is not a number (`Number('')` would be 0). */
function toNumber(value: unknown): number {
  return typeof value === 'string' && value.trim() ? Number(value) : Number.NaN;
}

@Controller()
export class AddController {
  /** `GET /add?a=3&b=4` → `{ "result": 7 }`: the tiny request that starves. */
  @Get('add')
  add(@Query('a') a?: string, @Query('b') b?: string) {
    const [x, y] = [toNumber(a), toNumber(b)];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new BadRequestException('Give two numbers: GET /add?a=3&b=4');
    }
    return { result: x + y };
  }
}

import { BadRequestException, Controller, Get, Query } from '@nestjs/common';

@Controller()
export class AddController {
  /** `GET /add?a=3&b=4` → `{ "result": 7 }`: the tiny request that starves. */
  @Get('add')
  add(@Query('a') a?: string, @Query('b') b?: string) {
    const [x, y] = [Number(a), Number(b)];
    if (a === undefined || b === undefined || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new BadRequestException('Give two numbers: GET /add?a=3&b=4');
    }
    return { result: x + y };
  }
}

import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

@ApiTags('basics')
@Controller()
export class HelloController {
  @Get()
  @ApiOperation({ summary: 'Hello World: the fastest route there is.' })
  hello() {
    return { message: 'Hello World' };
  }

  @Get('add')
  @ApiOperation({
    summary: 'Adds two numbers: the tiny request that starves behind blocking ones.',
  })
  add(@Query('a') a?: string, @Query('b') b?: string) {
    const [x, y] = [Number(a), Number(b)];
    if (
      a === undefined ||
      b === undefined ||
      a === '' ||
      b === '' ||
      !Number.isFinite(x) ||
      !Number.isFinite(y)
    ) {
      throw new BadRequestException('Give two numbers: GET /add?a=3&b=4');
    }
    return { result: x + y };
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

@ApiTags('basics')
@Controller()
export class HelloController {
  @Get()
  @ApiOperation({ summary: 'Hello World: the fastest route there is.' })
  hello() {
    return { message: 'Hello World' };
  }
}

import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Input, NO_INPUT } from '../validation/input.ts';

@ApiTags('basics')
@Controller()
export class HelloController {
  @Get()
  @Input(NO_INPUT)
  @ApiOperation({ summary: 'Hello World: the fastest route there is.' })
  hello() {
    return { message: 'Hello World' };
  }
}

import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '../config/app-config.ts';
import { Input, NO_INPUT } from '../validation/input.ts';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Input(NO_INPUT)
  @ApiOperation({ summary: 'Liveness, and which job queue is in use.' })
  health() {
    return {
      status: 'ok',
      queue: this.config.redisUrl ? 'bullmq' : 'in-process',
      uptimeS: Math.round(process.uptime()),
    };
  }
}

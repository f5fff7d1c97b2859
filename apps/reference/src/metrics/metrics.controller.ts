import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Input, NO_INPUT } from '../validation/input.ts';
import { MetricsService } from './metrics.service.ts';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Input(NO_INPUT)
  @Header('content-type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics: event-loop lag, requests in flight, durations.' })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

// Provided by the exercise: leave this file as it is.
import { Controller, Get } from '@nestjs/common';

@Controller('health')
export class HealthController {
  /** `GET /health` → `{ status: 'ok' }`: answered at once, unless the event loop is blocked. */
  @Get()
  health() {
    return { status: 'ok' };
  }
}

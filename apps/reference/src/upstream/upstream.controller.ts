import { fetchAll, getWeather } from '@kit/solution-02-concurrent-fetch/index.ts';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '../config/app-config.ts';
import { Input, NO_INPUT } from '../validation/input.ts';

/** The five cities of the weather demos. */
export const DEMO_CITIES = ['London', 'Paris', 'Tokyo', 'Nairobi', 'Lima'];

@ApiTags('upstream calls')
@Controller()
export class UpstreamController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('fetch-data')
  @Input(NO_INPUT)
  @ApiOperation({ summary: 'Two upstream calls at once (Promise.all): one latency, not two.' })
  async fetchData() {
    const started = performance.now();
    const [first, second] = await fetchAll(
      [1, 2].map((id) => `${this.config.dataApiUrl}/items/${id}`),
    );
    return { elapsedMs: Math.round(performance.now() - started), first, second };
  }

  @Get('weather/sync')
  @Input(NO_INPUT)
  @ApiOperation({ summary: 'Five cities, one after another: five latencies.' })
  weatherSync() {
    return this.weather(1);
  }

  @Get('weather/async')
  @Input(NO_INPUT)
  @ApiOperation({
    summary: 'Five cities, all at once: one latency. A failing city is an entry of its own.',
  })
  weatherAsync() {
    return this.weather(undefined);
  }

  private async weather(concurrency: number | undefined) {
    const started = performance.now();
    const weather = await getWeather(DEMO_CITIES, {
      baseUrl: this.config.weatherApiUrl,
      apiKey: this.config.weatherApiKey,
      timeoutMs: 2000,
      ...(concurrency === undefined ? {} : { concurrency }),
    });
    return { elapsedMs: Math.round(performance.now() - started), weather };
  }
}

import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getWeather } from './index.ts';
import type { WeatherConfig } from './weather.config.ts';

@Controller('weather')
export class WeatherController {
  constructor(private readonly config: ConfigService<WeatherConfig, true>) {}

  /** `GET /weather?cities=London,Paris` → `{ elapsedMs, weather }`. */
  @Get()
  async current(@Query('cities') cities?: string | string[]) {
    const list = [cities ?? []]
      .flat()
      .flatMap((value) => value.split(','))
      .map((city) => city.trim())
      .filter((city) => city !== '');
    if (list.length === 0) {
      throw new BadRequestException('Name at least one city: GET /weather?cities=London,Paris');
    }
    const started = performance.now();
    const weather = await getWeather(list, {
      baseUrl: this.config.get('WEATHER_API_BASE_URL', { infer: true }),
      apiKey: this.config.get('WEATHER_API_KEY', { infer: true }),
    });
    return { elapsedMs: Math.round(performance.now() - started), weather };
  }
}

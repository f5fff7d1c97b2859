import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateWeatherConfig } from './weather.config.ts';
import { WeatherController } from './weather.controller.ts';

@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, validate: validateWeatherConfig })],
  controllers: [WeatherController],
})
export class AppModule {}

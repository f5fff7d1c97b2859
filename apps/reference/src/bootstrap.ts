import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.ts';
import type { AppConfig } from './config/app-config.ts';

/** The app, configured, with interactive API docs at /docs (and the OpenAPI JSON at /docs-json). */
export async function createApp(
  config: AppConfig,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(config), {
    logger: options.logger ?? ['error', 'warn'],
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Async Node.js workshop: reference app')
      .setDescription(
        'Every lesson of the workshop, running. /blocking is the anti-pattern, kept for the demos.',
      )
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

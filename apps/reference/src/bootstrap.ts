import type { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.ts';
import type { AppConfig } from './config/app-config.ts';

/**
 * The app, configured, on Fastify (or Express when `ADAPTER=express`), with
 * interactive API docs at /docs (and the OpenAPI JSON at /docs-json).
 */
export async function createApp(
  config: AppConfig,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const nestOptions = { logger: options.logger ?? (['error', 'warn'] as LogLevel[]) };
  const module = AppModule.register(config);
  const app =
    config.adapter === 'fastify'
      ? await NestFactory.create(module, fastifyAdapter(), nestOptions)
      : await NestFactory.create(module, nestOptions);
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

function fastifyAdapter(): FastifyAdapter {
  const adapter = new FastifyAdapter();
  // Uploads are read as they stream in by the jobs controller (readUpload), which
  // refuses a body that is too large before reading it: Fastify must not touch it.
  adapter
    .getInstance()
    .addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
  return adapter;
}

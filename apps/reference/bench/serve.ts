// One server under benchmark: `ADAPTER=express|fastify PORT=… node --import @kit/swc-register bench/serve.ts`.
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { BenchModule } from './bench.module.ts';

const adapter = process.env.ADAPTER ?? 'express';
const app =
  adapter === 'fastify'
    ? await NestFactory.create(BenchModule, new FastifyAdapter(), { logger: ['error'] })
    : await NestFactory.create(BenchModule, { logger: ['error'] });
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT ?? 3100), '127.0.0.1');
console.log('ready');

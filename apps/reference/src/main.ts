import {
  dataRoute,
  FAKE_WEATHER_API,
  SAMPLE_CITIES,
  startFakeUpstream,
  weatherRoute,
} from '@kit/fake-upstream/server';
import { createApp } from './bootstrap.ts';
import { loadConfig } from './config/app-config.ts';
import { redisAnswers } from './config/redis-answers.ts';
import { drain } from './shutdown.ts';

// Offline by default: unless DATA_API_URL and WEATHER_API_BASE_URL point elsewhere,
// a fake upstream starts beside the app and answers its "external" calls.
const needsUpstream = !process.env.DATA_API_URL || !process.env.WEATHER_API_BASE_URL;
const upstream = needsUpstream
  ? await startFakeUpstream((baseUrl) => [
      weatherRoute({
        cities: SAMPLE_CITIES,
        baseUrl,
        apiKey: process.env.WEATHER_API_KEY || FAKE_WEATHER_API.apiKey,
      }),
      dataRoute({ delayMs: 1000, baseUrl }),
    ])
  : undefined;

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, upstream?.baseUrl);
  if (config.redisUrl) await redisAnswers(config.redisUrl);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}

const app = await createApp(config);
await app.listen(config.port, '127.0.0.1');
console.log(
  `Reference app on http://127.0.0.1:${config.port} (${config.adapter}; docs at /docs, metrics at /metrics)`,
);
console.log(
  upstream
    ? `Fake upstream APIs on ${upstream.baseUrl}`
    : 'Upstream APIs from DATA_API_URL and WEATHER_API_BASE_URL',
);
console.log(`Jobs: ${config.redisUrl ? `BullMQ on ${config.redisUrl}` : 'in-process queue'}`);
console.log(
  `Orders: ${config.redisUrl ? `Redis Streams on ${config.redisUrl}` : 'the in-process broker'}, ${config.orders.consumer === 'in-app' ? `consumed here (prefetch ${config.orders.prefetch}, work on ${config.orders.workOn})` : 'consumed by separate processes'}`,
);

// A stop drains: no new connections, requests, streams and running jobs finished
// (within SHUTDOWN_GRACE_MS), the fake upstream closed last, since requests in flight use it.
async function stop(signal: NodeJS.Signals): Promise<void> {
  console.log(
    `Shutdown: ${signal} received; taking no new connections, finishing what is in flight.`,
  );
  await drain(app, { graceMs: config.shutdownGraceMs, log: console.log });
  await upstream?.close();
  console.log('Shutdown: done.');
  process.exit(0);
}
process.once('SIGTERM', (signal) => void stop(signal));
process.once('SIGINT', (signal) => void stop(signal));

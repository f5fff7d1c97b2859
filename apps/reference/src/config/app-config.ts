import { availableParallelism } from 'node:os';

/** Everything the app reads from its environment, validated once at start-up. */
export interface AppConfig {
  readonly port: number;
  /** Base URL of the data API behind /fetch-data. */
  readonly dataApiUrl: string;
  /** Base URL and key of the weather API behind /weather/*. */
  readonly weatherApiUrl: string;
  readonly weatherApiKey: string;
  /** BullMQ's Redis when set; the in-process queue otherwise. */
  readonly redisUrl: string | undefined;
  /** Worker threads for /offloaded and /cpu-task. */
  readonly workerThreads: number;
  /** Largest accepted upload, in bytes. */
  readonly maxUploadBytes: number;
  /** How long a background job takes per line of its file (the "work" of a job). */
  readonly jobStepMs: number;
  /** With BullMQ: process jobs in this process (`in-app`), or leave them to `worker.main.ts` processes (`separate`). */
  readonly jobsWorker: 'in-app' | 'separate';
  /** Which HTTP server Nest runs on. */
  readonly adapter: 'fastify' | 'express';
  /** On SIGTERM, how long requests and streams in flight may take before their connections are cut. */
  readonly shutdownGraceMs: number;
  /** The orders consumer (exercise 09's lesson): on Redis Streams when `redisUrl` is set. */
  readonly orders: OrdersSettings;
}

/** Everything the orders consumer reads from its environment. */
export interface OrdersSettings {
  /** Redis Streams when set; the in-process broker otherwise. */
  readonly redisUrl: string | undefined;
  /** The queue (a stream on Redis) the orders arrive on. */
  readonly queue: string;
  /** Orders a consumer holds unsettled at once. */
  readonly prefetch: number;
  /** Deliveries of a failing order before it is dead-lettered. */
  readonly maxDeliveries: number;
  /** Where an order's CPU work runs: the worker threads (`threads`), or the event loop (`loop`, the anti-pattern, for the demo). */
  readonly workOn: 'threads' | 'loop';
  /** Consume in this process (`in-app`), or leave it to `consumer.main.ts` processes (`separate`, Redis only). */
  readonly consumer: 'in-app' | 'separate';
  /** On Redis, how long an order may sit unacknowledged with a consumer before another takes it over. */
  readonly claimIdleMs: number;
}

export const APP_CONFIG = Symbol('AppConfig');

/** A positive whole number from the variable `name`, or `fallback` when it is unset. */
export function positiveIntegerFrom(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number, got "${raw}".`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string | undefined): string {
  const value = env[name] || fallback;
  if (!value)
    throw new Error(
      `${name} is not set: give the base URL of that API, e.g. ${name}=http://127.0.0.1:4000`,
    );
  if (!URL.canParse(value)) throw new Error(`${name} is not a URL: "${value}".`);
  return value.replace(/\/$/, '');
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new Error(`${name} must be one of ${choices.join(', ')}, got "${raw}".`);
  }
  return raw as T;
}

/** A Redis URL, validated; undefined when the variable is not set. */
export function redisUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new Error(`REDIS_URL must look like redis://host:port, got "${redisUrl}".`);
  }
  return redisUrl;
}

/** How long a job takes per line: `JOB_STEP_MS`, 100 by default. */
export function jobStepMsFrom(env: NodeJS.ProcessEnv): number {
  return positiveIntegerFrom(env, 'JOB_STEP_MS', 100);
}

/** The orders consumer's settings; a separate consumer needs a broker that other processes share. */
export function ordersSettingsFrom(env: NodeJS.ProcessEnv): OrdersSettings {
  const settings: OrdersSettings = {
    redisUrl: redisUrlFrom(env),
    queue: queueName(env, 'ORDERS_QUEUE', 'orders'),
    prefetch: positiveIntegerFrom(env, 'CONSUMER_PREFETCH', 4),
    maxDeliveries: positiveIntegerFrom(env, 'MAX_DELIVERIES', 3),
    workOn: oneOf(env, 'ORDERS_WORK_ON', ['threads', 'loop'], 'threads'),
    consumer: oneOf(env, 'ORDERS_CONSUMER', ['in-app', 'separate'], 'in-app'),
    claimIdleMs: positiveIntegerFrom(env, 'ORDERS_CLAIM_IDLE_MS', 30_000),
  };
  if (settings.consumer === 'separate' && !settings.redisUrl) {
    throw new Error(
      'ORDERS_CONSUMER=separate needs REDIS_URL: the in-process broker cannot be shared with another process.',
    );
  }
  return settings;
}

function queueName(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name] || fallback;
  if (!/^[\w.:-]{1,64}$/.test(value)) {
    throw new Error(`${name} must be 1 to 64 letters, digits or . : - _, got "${value}".`);
  }
  return value;
}

/**
 * Reads the app's configuration; a wrong value stops start-up with a message
 * naming the variable. `upstreamUrl` is the local fake upstream's, when the
 * app started one.
 */
export function loadConfig(env: NodeJS.ProcessEnv, upstreamUrl?: string): AppConfig {
  return {
    port: positiveIntegerFrom(env, 'PORT', 3000),
    dataApiUrl: url(env, 'DATA_API_URL', upstreamUrl),
    weatherApiUrl: url(env, 'WEATHER_API_BASE_URL', upstreamUrl),
    weatherApiKey: env.WEATHER_API_KEY || 'workshop-key',
    redisUrl: redisUrlFrom(env),
    workerThreads: positiveIntegerFrom(env, 'WORKER_THREADS', availableParallelism()),
    maxUploadBytes: positiveIntegerFrom(env, 'MAX_UPLOAD_BYTES', 1024 * 1024),
    jobStepMs: jobStepMsFrom(env),
    jobsWorker: oneOf(env, 'JOBS_WORKER', ['in-app', 'separate'], 'in-app'),
    adapter: oneOf(env, 'ADAPTER', ['fastify', 'express'], 'fastify'),
    shutdownGraceMs: positiveIntegerFrom(env, 'SHUTDOWN_GRACE_MS', 10_000),
    orders: ordersSettingsFrom(env),
  };
}

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
}

export const APP_CONFIG = Symbol('AppConfig');

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
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
  return positiveInteger(env, 'JOB_STEP_MS', 100);
}

/**
 * Reads the app's configuration; a wrong value stops start-up with a message
 * naming the variable. `upstreamUrl` is the local fake upstream's, when the
 * app started one.
 */
export function loadConfig(env: NodeJS.ProcessEnv, upstreamUrl?: string): AppConfig {
  return {
    port: positiveInteger(env, 'PORT', 3000),
    dataApiUrl: url(env, 'DATA_API_URL', upstreamUrl),
    weatherApiUrl: url(env, 'WEATHER_API_BASE_URL', upstreamUrl),
    weatherApiKey: env.WEATHER_API_KEY || 'workshop-key',
    redisUrl: redisUrlFrom(env),
    workerThreads: positiveInteger(env, 'WORKER_THREADS', availableParallelism()),
    maxUploadBytes: positiveInteger(env, 'MAX_UPLOAD_BYTES', 1024 * 1024),
    jobStepMs: jobStepMsFrom(env),
    jobsWorker: oneOf(env, 'JOBS_WORKER', ['in-app', 'separate'], 'in-app'),
    adapter: oneOf(env, 'ADAPTER', ['fastify', 'express'], 'fastify'),
    shutdownGraceMs: positiveInteger(env, 'SHUTDOWN_GRACE_MS', 10_000),
  };
}

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

/** Set by CI (`.ci/run`): a missing Redis then fails the run instead of skipping its suite. */
export const REQUIRE_REDIS_ENV = 'KIT_REQUIRE_REDIS';

/**
 * Where the BullMQ tests get their Redis: the one `REDIS_URL` names, a
 * throwaway `redis-server` started for the file, or none, with the line that
 * says why the suite is skipped and how to run it.
 */
export type RedisSource =
  | { readonly kind: 'external'; readonly url: string }
  | { readonly kind: 'local' }
  | { readonly kind: 'absent'; readonly notice: string };

/**
 * Decides, at collection time, whether the Redis suites can run.
 *
 * @example
 * const redis = redisSource('BullMQ on Redis');
 * describe.skipIf(redis.kind === 'absent')('BullMQ on Redis', () => { … });
 */
export function redisSource(
  suite: string,
  env: NodeJS.ProcessEnv = process.env,
  hasRedisServer = () => !spawnSync('redis-server', ['--version']).error,
): RedisSource {
  if (env.REDIS_URL) return { kind: 'external', url: env.REDIS_URL };
  if (hasRedisServer()) return { kind: 'local' };
  const notice = `${suite}: skipped, no redis-server; apt-get install redis-server or set REDIS_URL`;
  if (env[REQUIRE_REDIS_ENV] === '1') {
    throw new Error(
      `${suite} is required here (${REQUIRE_REDIS_ENV}=1) but there is no Redis: apt-get install redis-server, or set REDIS_URL to a running one.`,
    );
  }
  return { kind: 'absent', notice };
}

/**
 * The Redis a suite runs against, started on first use; `stop()` does
 * nothing when nothing was started, so a teardown after a failed set-up
 * cannot add an error of its own.
 */
export function redisForSuite(source: RedisSource): {
  url(): Promise<string>;
  stop(): Promise<void>;
} {
  let started: Promise<{ url: string; stop(): Promise<void> }> | undefined;
  return {
    async url() {
      if (source.kind === 'external') return source.url;
      started ??= startRedis();
      return (await started).url;
    },
    async stop() {
      const redis = await started?.catch(() => undefined);
      await redis?.stop();
    },
  };
}

/**
 * A real, throwaway Redis on a free loopback port, for BullMQ (its Lua
 * scripts rule out mocks). Nothing is saved to disk.
 */
async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const redis = await spawnRedis(port, ['--save', '', '--appendonly', 'no']);
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopRedis(redis) };
}

/** A Redis that can be killed and started again on the same port, with what it acknowledged. */
export interface RestartableRedis {
  readonly url: string;
  /** Kills it, as a crash would, then starts it again from its append-only file. */
  restart(options?: { downForMs?: number }): Promise<void>;
  /** Stops it and removes its files. */
  stop(): Promise<void>;
}

/**
 * A throwaway Redis that writes every command to its append-only file
 * before it answers (`appendfsync always`), in a folder of its own under
 * the temp folder, so a test can crash it mid-burst and find every
 * acknowledged write again after a restart.
 *
 * @example
 * const redis = await restartableRedis();
 * … // publish, consume
 * await redis.restart({ downForMs: 500 });
 * await redis.stop();
 */
export async function restartableRedis(): Promise<RestartableRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'kit-redis-'));
  const port = await freePort();
  const args = ['--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
  let redis = await spawnRedis(port, args).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart({ downForMs = 0 } = {}) {
      await stopRedis(redis, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, downForMs));
      redis = await spawnRedis(port, args);
    },
    async stop() {
      await stopRedis(redis);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function spawnRedis(port: number, args: string[]): Promise<ChildProcess> {
  const redis: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    redis.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    redis.once('exit', (code) =>
      reject(new Error(`redis-server exited with code ${code}:\n${output}`)),
    );
    // No redis-server on the PATH: a rejection to catch, not an 'error' event that ends the process.
    redis.once('error', reject);
  });
  // Its log is read until it is ready; after that it must not fill the pipe.
  redis.stdout?.resume();
  return redis;
}

async function stopRedis(redis: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (redis.exitCode !== null || redis.signalCode !== null) return;
  const exited = once(redis, 'exit');
  redis.kill(signal);
  await exited;
}

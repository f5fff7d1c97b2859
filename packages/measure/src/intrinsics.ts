// The toolkit's own copies of the globals it measures and waits with.
//
// Graded code shares this realm: a module that does `Promise.race = …` or
// `performance.now = () => 0` at its top level would otherwise change what the
// checks compute. The grader's setup file imports this module before any
// test file, so the copies are taken before a learner module can load, and
// the toolkit and the graders call only these (a lint rule keeps it so).
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { performance as perf } from 'node:perf_hooks';
import * as timersPromises from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const NativePromise = Promise;
const nativeFetch = globalThis.fetch;
const nativeSetTimeout = globalThis.setTimeout;
const nativeClearTimeout = globalThis.clearTimeout;
const nativeSetInterval = globalThis.setInterval;
const nativeClearInterval = globalThis.clearInterval;
const nativeSetImmediate = globalThis.setImmediate;
const performanceNow = perf.now.bind(perf);
const eventLoopUtilization = perf.eventLoopUtilization.bind(perf);
const dateNow = Date.now;
const timeOrigin = perf.timeOrigin;
const getReport = process.report.getReport.bind(process.report);
const memoryUsage = process.memoryUsage.bind(process);
const promiseSleep = timersPromises.setTimeout;
const setV8Flags = setFlagsFromString;
const runInFreshContext = runInNewContext;
let collectGarbage: (() => void) | undefined;
const promiseImmediate = timersPromises.setImmediate;
const readFile = readFileSync;
// Linux numbers a process's main thread with the process's id.
const mainThreadSchedstat = `/proc/self/task/${process.pid}/schedstat`;

/**
 * The `fetch` the graders' own clients use. Taken before graded code ran, and
 * before MSW patches the global one: the graders only ever talk to loopback.
 */
export const kitFetch: typeof globalThis.fetch = nativeFetch;

/**
 * `http.request` as it was before graded code ran: for request bodies sent
 * chunk by chunk, which `fetch` keeps in memory until the answer (it may have
 * to send them again).
 */
export const kitHttpRequest: typeof httpRequest = httpRequest;

/** Milliseconds on the monotonic clock (`performance.now()` as it was before graded code ran). */
export function now(): number {
  return performanceNow();
}

/** Milliseconds since the epoch (`Date.now()` as it was before graded code ran). */
export function wallClock(): number {
  return dateNow();
}

/**
 * Milliseconds since the epoch with sub-millisecond precision, comparable
 * across worker threads (each thread's `performance.timeOrigin + performance.now()`).
 */
export function epochNow(): number {
  return timeOrigin + performanceNow();
}

/**
 * How long this process's main thread has waited for a CPU while it was ready
 * to run, in ms since it started: time the machine gave to other threads and
 * processes (the second field of Linux's `schedstat`). Undefined where the
 * system does not say.
 *
 * @example
 * const before = mainThreadWaitingMs();
 * await scenario();
 * const machineMs = (mainThreadWaitingMs() ?? 0) - (before ?? 0);
 */
export function mainThreadWaitingMs(): number | undefined {
  try {
    const waitingNs = Number(readFile(mainThreadSchedstat, 'utf8').split(' ')[1]);
    return Number.isFinite(waitingNs) ? waitingNs / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts counting the main thread's waits for a CPU: the function it returns
 * gives the ms waited since the call (0 where the system does not say). A
 * figure timed on this thread, less that, is what the code under test cost
 * and not what a busy machine added.
 *
 * @example
 * const waitedMs = countCpuWaits();
 * await scenario();
 * const ownMs = tookMs - waitedMs();
 */
export function countCpuWaits(): () => number {
  const before = mainThreadWaitingMs();
  return () => (before === undefined ? 0 : (mainThreadWaitingMs() ?? before) - before);
}

/** The worker threads this process has running right now (from Node's diagnostic report). */
export function runningWorkerThreads(): number {
  return (getReport() as { workers?: unknown[] }).workers?.length ?? 0;
}

/**
 * Bytes this process keeps alive after a full garbage collection: the
 * JavaScript heap plus the memory Buffers and other ArrayBuffers hold outside
 * it. (Not `external`: it also counts Node's socket read buffers, which it
 * gives back late, so an idle connection would look like retained data.)
 */
export function retainedBytes(): number {
  // V8 hands its collector to a fresh context once the flag is set: the only
  // way to see what a process *retains*, rather than what it has not yet swept.
  if (!collectGarbage) {
    setV8Flags('--expose-gc');
    collectGarbage = runInFreshContext('gc') as () => void;
  }
  collectGarbage();
  const usage = memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** `performance.eventLoopUtilization()`, taken before graded code ran. */
export const utilization: typeof perf.eventLoopUtilization = eventLoopUtilization;

export const setTimer: typeof globalThis.setTimeout = nativeSetTimeout;
export const clearTimer: typeof globalThis.clearTimeout = nativeClearTimeout;
export const setRepeating: typeof globalThis.setInterval = nativeSetInterval;
export const clearRepeating: typeof globalThis.clearInterval = nativeClearInterval;
export const setNextTurn: typeof globalThis.setImmediate = nativeSetImmediate;

/** `timers/promises`' `setTimeout`: resolves after `ms`, or rejects when `signal` aborts. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return promiseSleep(ms, undefined, signal ? { signal } : undefined);
}

/** `timers/promises`' `setImmediate`: resolves on the next turn of the event loop. */
export function nextTurn(): Promise<void> {
  return promiseImmediate();
}

/** A promise made with the real constructor, with its resolve and reject. */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
} {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new NativePromise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * `Promise.race`, built from `await` and the real constructor only: it reads
 * no property of `Promise` that graded code could have replaced.
 */
export function race<T>(promises: readonly Promise<T>[]): Promise<T> {
  const outcome = deferred<T>();
  for (let index = 0; index < promises.length; index += 1) {
    settleInto(promises[index] as Promise<T>, outcome.resolve, outcome.reject);
  }
  return outcome.promise;
}

/** `Promise.all`, built like {@link race}. */
export function all<T extends readonly unknown[]>(
  promises: { readonly [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const outcome = deferred<T>();
  const values: unknown[] = [];
  let pending = promises.length;
  if (pending === 0) outcome.resolve(values as unknown as T);
  for (let index = 0; index < promises.length; index += 1) {
    settleInto(
      promises[index] as Promise<unknown>,
      (value) => {
        values[index] = value;
        pending -= 1;
        if (pending === 0) outcome.resolve(values as unknown as T);
      },
      outcome.reject,
    );
  }
  return outcome.promise;
}

async function settleInto<T>(
  promise: Promise<T>,
  onValue: (value: T) => void,
  onError: (reason: unknown) => void,
): Promise<void> {
  try {
    onValue(await promise);
  } catch (error) {
    onError(error);
  }
}

/** How a promise given to {@link within} ended, if it ended in time. */
export type Outcome<T> =
  | { readonly value: T }
  | { readonly error: unknown }
  | { readonly expired: true };

/**
 * Waits for a promise at most `ms`, and says how it ended: a value, an
 * error, or nothing in time. The timer is cleared either way, so a promise
 * that settles leaves nothing pending.
 *
 * @example
 * const closing = await within(app.close(), 5_000);
 * if ('expired' in closing) … // the learner's shutdown hook never returned
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<Outcome<T>> {
  const expired = deferred<Outcome<T>>();
  const timer = nativeSetTimeout(() => expired.resolve({ expired: true }), ms);
  try {
    return await race<Outcome<T>>([
      promise.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      expired.promise,
    ]);
  } finally {
    nativeClearTimeout(timer);
  }
}

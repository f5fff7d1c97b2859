import { wait } from './intrinsics.ts';

/**
 * Resolves after `ms` on a real timer; with a signal, rejects when it aborts.
 *
 * @example
 * await sleep(200);
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return wait(ms, signal);
}

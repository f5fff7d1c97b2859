// Provided by the exercise: leave this file as it is. The dependencies tell
// the grader when they start, are ready and close, in the order it happened.
import { BroadcastChannel } from 'node:worker_threads';

export type DependencyName = 'database' | 'feature flags' | 'cache';

export interface DependencyReport {
  readonly dependency: DependencyName;
  readonly event: 'starting' | 'ready' | 'closed';
}

/** The channel the dependencies report on. */
export const DEPENDENCIES_CHANNEL = 'kit:exercise-08:dependencies';

const channel = new BroadcastChannel(DEPENDENCIES_CHANNEL);
channel.unref();

export function report(dependency: DependencyName, event: DependencyReport['event']): void {
  channel.postMessage({ dependency, event } satisfies DependencyReport);
}

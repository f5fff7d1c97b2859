import type { Span } from './in-flight.ts';
import { clearRepeating, now, setRepeating, utilization } from './intrinsics.ts';

export interface EventLoopReport {
  /** The longest time between two heartbeats, in ms: how long the loop was blocked at worst. */
  readonly longestGapMs: number;
  /** Event-loop utilisation over the watch, from 0 (idle) to 1 (never idle). */
  readonly utilization: number;
  /** Stretches where a heartbeat came late, as spans to draw on a timeline. */
  readonly blocked: Span[];
}

export interface EventLoopMonitorOptions {
  /** Heartbeat period. */
  readonly intervalMs?: number;
  /** A gap longer than this is drawn as "event loop blocked". */
  readonly blockedAfterMs?: number;
  /** The clock the blocked spans are measured on (a tracker's `now`, to share its timeline). */
  readonly clock?: () => number;
}

/**
 * Watches the event loop of this process with a heartbeat: when a handler
 * blocks the loop, the heartbeat comes late and the gap is the measure.
 * Start it before the scenario, stop it after.
 *
 * @example
 * const loop = monitorEventLoop({ clock: () => tracker.now() });
 * await scenario();
 * const { longestGapMs, blocked } = loop.stop();
 */
export function monitorEventLoop(options: EventLoopMonitorOptions = {}): {
  stop(): EventLoopReport;
} {
  const intervalMs = options.intervalMs ?? 10;
  const blockedAfterMs = options.blockedAfterMs ?? 50;
  const clock = options.clock ?? now;
  const startUtilization = utilization();
  const blocked: Span[] = [];
  let last = clock();
  let longestGapMs = 0;
  const beat = () => {
    const now = clock();
    const gap = now - last;
    longestGapMs = Math.max(longestGapMs, gap);
    if (gap > blockedAfterMs) {
      blocked.push({ label: 'event loop blocked', start: last, end: now, outcome: 'blocked' });
    }
    last = now;
  };
  const timer = setRepeating(beat, intervalMs);
  return {
    stop() {
      beat();
      clearRepeating(timer);
      const { utilization: share } = utilization(startUtilization);
      return { longestGapMs, utilization: share, blocked };
    },
  };
}

import type { Span } from './in-flight.ts';
import {
  clearRepeating,
  mainThreadWaitingMs,
  now,
  setRepeating,
  utilization,
} from './intrinsics.ts';

export interface EventLoopReport {
  /** The longest time between two heartbeats, in ms: how long the loop was blocked at worst. */
  readonly longestGapMs: number;
  /**
   * The longest gap less the time the main thread spent meanwhile ready to run
   * but waiting for a CPU the machine gave to others: how long code held the
   * loop. The same as `longestGapMs` where the system does not say (not Linux).
   */
  readonly longestHeldMs: number;
  /** Whether the system said how long the main thread waited for a CPU (Linux does). */
  readonly machineWaitKnown: boolean;
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
  // The last beat's time and the main thread's wait for a CPU so far, to tell a held loop from a busy machine.
  let last: { readonly at: number; readonly waitingMs: number } | undefined;
  const waitingNow = () => mainThreadWaitingMs();
  const machineWaitKnown = waitingNow() !== undefined;
  let longestGapMs = 0;
  let longestHeldMs = 0;
  const beat = () => {
    const at = clock();
    const waitingMs = waitingNow() ?? 0;
    const previous = last;
    last = { at, waitingMs };
    if (!previous) return;
    const gap = at - previous.at;
    const held = Math.max(0, gap - (waitingMs - previous.waitingMs));
    longestGapMs = Math.max(longestGapMs, gap);
    longestHeldMs = Math.max(longestHeldMs, held);
    if (held > blockedAfterMs) {
      blocked.push({
        label: 'event loop blocked',
        start: previous.at,
        end: at,
        outcome: 'blocked',
      });
    } else if (gap > blockedAfterMs) {
      blocked.push({ label: 'waiting for a CPU', start: previous.at, end: at, outcome: 'blocked' });
    }
  };
  beat();
  const timer = setRepeating(beat, intervalMs);
  return {
    stop() {
      beat();
      clearRepeating(timer);
      const { utilization: share } = utilization(startUtilization);
      return {
        longestGapMs,
        longestHeldMs,
        machineWaitKnown,
        utilization: share,
        blocked,
      };
    },
  };
}

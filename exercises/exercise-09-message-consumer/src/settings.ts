// Provided by the exercise: leave this file as it is. Call these when your
// consumer is created, not when its module loads: the grader starts apps
// with different settings in one process.
import { positiveWholeFromEnv } from '@kit/settings';

/** The queue the orders arrive on. */
export const QUEUE = 'orders';

/** The in-process broker to consume from: `BROKER`, "local" by default. */
export function brokerName(): string {
  return process.env.BROKER || 'local';
}

/** Messages a consumer may hold unsettled at once: `CONSUMER_PREFETCH`, 4 by default. */
export function prefetch(): number {
  return positiveWholeFromEnv('CONSUMER_PREFETCH', 4);
}

/** Deliveries of a failing message before it is dead-lettered: `MAX_DELIVERIES`, 3 by default. */
export function maxDeliveries(): number {
  return positiveWholeFromEnv('MAX_DELIVERIES', 3);
}

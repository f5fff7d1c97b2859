// Provided by the exercise: leave this file as it is. Call these when your
// consumer is created, not when its module loads: the grader starts apps
// with different settings in one process.

/** The queue the orders arrive on. */
export const QUEUE = 'orders';

function positiveWhole(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number, got "${raw}".`);
  }
  return value;
}

/** The in-process broker to consume from: `BROKER`, "local" by default. */
export function brokerName(): string {
  return process.env.BROKER || 'local';
}

/** Messages a consumer may hold unsettled at once: `CONSUMER_PREFETCH`, 4 by default. */
export function prefetch(): number {
  return positiveWhole('CONSUMER_PREFETCH', 4);
}

/** Deliveries of a failing message before it is dead-lettered: `MAX_DELIVERIES`, 3 by default. */
export function maxDeliveries(): number {
  return positiveWhole('MAX_DELIVERIES', 3);
}

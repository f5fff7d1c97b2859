// Provided by the exercise: leave this file as it is. The work an order
// message asks for: sign it, then ship it (150 ms, a call to a warehouse).
// It notes in the broker's ledger when it starts and ends, for the grader.
import { setTimeout as wait } from 'node:timers/promises';
import { type Delivery, ledger } from '@kit/fake-broker';

export interface Order {
  readonly orderId: string;
  readonly sku: string;
  readonly quantity: number;
}

/**
 * How an order is signed: `pbkdf2(order.orderId, salt, iterations, keylen, digest)`,
 * about 20 ms of CPU. `crypto.pbkdf2Sync` does it on the event loop;
 * `crypto.pbkdf2` on libuv's thread pool.
 */
export const SIGNING = {
  salt: 'kit-exercise-09',
  iterations: 100_000,
  keylen: 32,
  digest: 'sha256',
} as const;

/** How long shipping one order takes. */
export const SHIP_MS = 150;

/** The SKU the warehouse never accepts: its message fails every time. */
export const UNKNOWN_SKU = 'POISON';

/**
 * Ships the order of a delivery, with its signature (the hex of the pbkdf2
 * key). Fails for an unknown SKU or a missing signature.
 *
 * @example
 * await fulfil(delivery, (await pbkdf2Async(order.orderId, SIGNING.salt, …)).toString('hex'));
 */
export async function fulfil(
  delivery: Delivery<Order>,
  signature: string,
): Promise<{ orderId: string; shipped: true }> {
  const note = (event: 'started' | 'finished' | 'failed', detail?: string) =>
    ledger.note({
      broker: delivery.broker,
      messageId: delivery.id,
      consumer: delivery.consumerTag,
      event,
      ...(detail ? { detail } : {}),
    });
  note('started');
  await wait(SHIP_MS);
  const order = delivery.body;
  if (order.sku === UNKNOWN_SKU || !/^[0-9a-f]{64}$/.test(signature)) {
    const reason =
      order.sku === UNKNOWN_SKU
        ? `the warehouse does not know SKU ${order.sku} (order ${order.orderId})`
        : `order ${order.orderId} has no valid signature`;
    note('failed', reason);
    throw new Error(reason);
  }
  note('finished');
  return { orderId: order.orderId, shipped: true };
}

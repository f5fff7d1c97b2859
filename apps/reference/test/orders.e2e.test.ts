import { randomUUID } from 'node:crypto';
import { afterFile } from '@kit/grading';
import { startAppUnderTest } from '@kit/grading/app-under-test';
import { freePort, redisForSuite, redisSource, restartableRedis } from '@kit/redis-for-tests';
import { describe, expect, test, vi } from 'vitest';
import { createApp } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/app-config.ts';
import type { SettledOrder } from '../src/orders/order.ts';
import { startAppProcess } from './app-process.ts';
import { UPSTREAM_ENV } from './upstream.ts';

const REDIS_SUITE = 'orders on Redis Streams';
const source = redisSource(REDIS_SUITE);
if (source.kind === 'absent') console.warn(`[kit] ${source.notice}`);
const redis = redisForSuite(source);
// Declared first, so it runs last: the apps of the tests let go of their Redis before it stops.
afterFile(() => redis.stop());

interface OrdersState {
  inHand: number;
  done: number;
  queue: { waiting: number; unacked: number; deadLettered: number };
  deadLetters: Array<{ order: { sku: string }; deliveryCount: number; reason: string }>;
  recent: SettledOrder[];
}

/** The reference app in this process, on a loopback port, with the given settings. */
function startOrdersApp(env: NodeJS.ProcessEnv) {
  return startAppUnderTest(() =>
    createApp(loadConfig({ ...UPSTREAM_ENV, WORKER_THREADS: '2', ...env }), { logger: false }),
  );
}

async function publish(baseUrl: string, orders: unknown): Promise<string[]> {
  const answer = await fetch(`${baseUrl}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(orders),
  });
  expect(answer.status).toBe(202);
  return ((await answer.json()) as { orderIds: string[] }).orderIds;
}

async function state(baseUrl: string): Promise<OrdersState> {
  return (await (await fetch(`${baseUrl}/orders?recent=1000`)).json()) as OrdersState;
}

/** Polls `GET /orders` until `done` holds of it; fails with the last state after `ms`. */
function until(
  baseUrl: string,
  done: (current: OrdersState) => boolean,
  ms = 15_000,
): Promise<OrdersState> {
  return vi.waitFor(
    async () => {
      const current = await state(baseUrl);
      if (!done(current)) {
        throw new Error(`GET /orders still shows ${JSON.stringify(current).slice(0, 2000)}`);
      }
      return current;
    },
    { timeout: ms, interval: 50 },
  );
}

const acked = (recent: readonly SettledOrder[]) =>
  recent.filter((entry) => entry.outcome === 'acked');
const allAcked = (ids: readonly string[]) => (current: OrdersState) => {
  const done = new Set(acked(current.recent).map((entry) => entry.orderId));
  return ids.every((id) => done.has(id));
};

/** Most deliveries held at once: an order is in hand from its delivery to its settling. */
function peakInHand(recent: readonly SettledOrder[]): number {
  const moments = recent.flatMap((entry) => [
    { at: entry.deliveredAt, change: 1 },
    { at: entry.settledAt, change: -1 },
  ]);
  // At one millisecond a settle comes before the delivery it made room for.
  moments.sort((a, b) => a.at - b.at || a.change - b.change);
  let inHand = 0;
  let peak = 0;
  for (const { change } of moments) {
    inHand += change;
    peak = Math.max(peak, inHand);
  }
  return peak;
}

const orders = (count: number, workMs: number) =>
  Array.from({ length: count }, (_, index) => ({ sku: `MUG-${index + 1}`, quantity: 1, workMs }));

/** The same tests on each broker; one whose server is absent is skipped by name. */
function ordersSuite(broker: string, env: () => Promise<NodeJS.ProcessEnv>, skip = false) {
  (skip ? describe.skip : describe)(broker, () => {
    const settings = async (more: NodeJS.ProcessEnv = {}) => ({
      ...(await env()),
      ORDERS_QUEUE: `orders-${randomUUID().slice(0, 8)}`,
      ...more,
    });

    test('a burst is consumed with CONSUMER_PREFETCH=3 orders in hand at the peak, never more, each acked once', async () => {
      const app = await startOrdersApp(await settings({ CONSUMER_PREFETCH: '3' }));
      const ids = await publish(app.baseUrl, orders(24, 60));
      const { recent } = await until(app.baseUrl, allAcked(ids));
      expect(
        acked(recent)
          .map((entry) => entry.orderId)
          .sort(),
      ).toEqual([...ids].sort());
      expect(peakInHand(recent)).toBe(3);
      const metrics = await (await fetch(`${app.baseUrl}/metrics`)).text();
      expect(metrics).toContain('orders_settled_total{outcome="done"} 24');
      expect(metrics).toContain('orders_in_hand 0');
    });

    test('a poison order is delivered MAX_DELIVERIES=2 times, then dead-lettered with its reason; the good ones are acked', async () => {
      const app = await startOrdersApp(await settings({ MAX_DELIVERIES: '2' }));
      const [poison = ''] = await publish(app.baseUrl, { sku: 'POISON', quantity: 1, workMs: 5 });
      const good = await publish(app.baseUrl, orders(5, 5));
      const final = await until(
        app.baseUrl,
        (current) => current.queue.deadLettered === 1 && allAcked(good)(current),
      );
      const poisoned = final.recent.filter((entry) => entry.orderId === poison);
      expect(poisoned.map((entry) => [entry.deliveryCount, entry.outcome]).reverse()).toEqual([
        [1, 'requeued'],
        [2, 'dead-lettered'],
      ]);
      expect(final.deadLetters).toHaveLength(1);
      expect(final.deadLetters[0]).toMatchObject({ order: { sku: 'POISON' }, deliveryCount: 2 });
      expect(final.deadLetters[0]?.reason).toContain(
        'failed 2 times; last: the warehouse does not know SKU POISON',
      );
    });

    test('a shutdown mid-burst, then a second consumer: every order done once, none after the first app closed', async () => {
      const shared = await settings();
      const first = await startOrdersApp(shared);
      const ids = await publish(first.baseUrl, orders(40, 50));
      await until(first.baseUrl, (current) => acked(current.recent).length >= 10);
      await first.close();
      const closedAt = Date.now();
      const second = await startOrdersApp(shared);
      const { recent } = await until(second.baseUrl, allAcked(ids));
      const doneOnce = acked(recent).map((entry) => entry.orderId);
      expect(doneOnce.sort()).toEqual([...ids].sort());
      const consumers = new Set(acked(recent).map((entry) => entry.consumer));
      expect(consumers.size).toBe(2);
      const firstConsumer = acked(recent).at(-1)?.consumer;
      const lateFromFirst = recent.filter(
        (entry) => entry.consumer === firstConsumer && entry.settledAt > closedAt,
      );
      expect(lateFromFirst).toEqual([]);
    });

    test('a malformed order is a 400 that names the field and its place, and publishes nothing', async () => {
      const app = await startOrdersApp(await settings());
      const send = (body: string) =>
        fetch(`${app.baseUrl}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
      const wrongQuantity = await send(
        JSON.stringify([
          { sku: 'MUG-1', quantity: 1 },
          { sku: 'MUG-2', quantity: 0 },
        ]),
      );
      expect(wrongQuantity.status).toBe(400);
      expect(((await wrongQuantity.json()) as { message: string }).message).toBe(
        'order 2: quantity must be a whole number from 1 to 1000',
      );
      const unknownField = await send(JSON.stringify({ sku: 'MUG-1', quantity: 1, price: 3 }));
      expect(((await unknownField.json()) as { message: string }).message).toBe(
        'unknown field price',
      );
      expect((await send('[]')).status).toBe(400);
      expect((await send('"an order"')).status).toBe(400);
      expect((await send('{"sku":')).status).toBe(400);
      expect((await state(app.baseUrl)).queue).toEqual({ waiting: 0, unacked: 0, deadLettered: 0 });
    });
  });
}

ordersSuite('orders on the in-process broker', async () => ({}));
ordersSuite(REDIS_SUITE, async () => ({ REDIS_URL: await redis.url() }), source.kind === 'absent');

describe.skipIf(source.kind !== 'local')(
  `${REDIS_SUITE}, with a redis-server of the test's own`,
  () => {
    test('a broker restart mid-burst loses no order, and the HTTP routes keep answering meanwhile', async () => {
      const crashing = await restartableRedis();
      try {
        const app = await startOrdersApp({
          REDIS_URL: crashing.url,
          ORDERS_QUEUE: 'orders-restart',
          ORDERS_CLAIM_IDLE_MS: '1000',
        });
        const ids = await publish(app.baseUrl, orders(30, 40));
        await until(app.baseUrl, (current) => acked(current.recent).length >= 5);
        const restarted = crashing.restart({ downForMs: 1_000 });
        await new Promise((resolve) => setTimeout(resolve, 300));
        for (const path of ['/', '/health']) {
          expect((await fetch(`${app.baseUrl}${path}`)).status).toBe(200);
        }
        await restarted;
        const { recent } = await until(app.baseUrl, allAcked(ids), 20_000);
        expect(new Set(acked(recent).map((entry) => entry.orderId)).size).toBe(30);
        await app.close();
      } finally {
        await crashing.stop();
      }
    });
  },
);

describe.skipIf(source.kind === 'absent')(`${REDIS_SUITE}, in separate processes`, () => {
  test('a consumer process takes the orders the app publishes, and on SIGTERM finishes them and exits 0', async () => {
    const shared = {
      REDIS_URL: await redis.url(),
      ORDERS_QUEUE: `orders-${randomUUID().slice(0, 8)}`,
    };
    const app = await startOrdersApp({ ...shared, ORDERS_CONSUMER: 'separate' });
    const consumer = await startAppProcess(
      { ...shared, WORKER_THREADS: '1' },
      { script: 'src/orders/consumer.main.ts', readyLine: 'Consuming orders from' },
    );
    const ids = await publish(app.baseUrl, orders(10, 30));
    const final = await until(app.baseUrl, allAcked(ids));
    expect(final.done).toBe(0);
    expect(new Set(acked(final.recent).map((entry) => entry.consumer))).toEqual(
      new Set([expect.stringContaining(`-${consumer.child.pid}-`)]),
    );
    consumer.child.kill('SIGTERM');
    expect(await consumer.exited).toBe(0);
  });
});

test('a REDIS_URL where no Redis answers stops start-up with one line naming the variable', async () => {
  const nowhere = `redis://127.0.0.1:${await freePort()}`;
  const started = startAppProcess({ REDIS_URL: nowhere });
  await expect(started).rejects.toThrow(`REDIS_URL=${nowhere}: no Redis answered there`);
});

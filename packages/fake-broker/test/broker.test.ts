import { nextTurn, sleep } from '@kit/measure';
import { expect, test } from 'vitest';
import { Broker, type Delivery, ledger } from '../src/index.ts';

let brokers = 0;
const freshBroker = () => new Broker(`test-${++brokers}`);
const eventsOf = (broker: Broker) => ledger.events.filter((event) => event.broker === broker.name);

test('a consumer never holds more unsettled deliveries than its prefetch, and gets that many', async () => {
  const broker = freshBroker();
  for (let index = 0; index < 10; index += 1) broker.publish('q', index);
  const held: Delivery[] = [];
  let peak = 0;
  broker.consume(
    'q',
    (delivery) => {
      held.push(delivery);
      peak = Math.max(peak, broker.stats('q').unacked);
    },
    { prefetch: 3 },
  );
  await nextTurn();
  expect(held).toHaveLength(3);
  while (held.length > 0) {
    broker.ack(held.shift() as Delivery);
    await nextTurn();
  }
  expect(peak).toBe(3);
  expect(broker.stats('q')).toEqual({ ready: 0, unacked: 0, deadLettered: 0 });
});

test('prefetch 0 delivers everything at once, in publish order', async () => {
  const broker = freshBroker();
  for (let index = 0; index < 5; index += 1) broker.publish('q', index);
  const bodies: unknown[] = [];
  broker.consume('q', (delivery) => bodies.push(delivery.body), { prefetch: 0 });
  await nextTurn();
  expect(bodies).toEqual([0, 1, 2, 3, 4]);
});

test('a nack with requeue delivers the message again with its count raised, first in line', async () => {
  const broker = freshBroker();
  broker.publish('q', 'a');
  broker.publish('q', 'b');
  const seen: Array<[unknown, number]> = [];
  broker.consume(
    'q',
    (delivery) => {
      seen.push([delivery.body, delivery.deliveryCount]);
      if (delivery.body === 'a' && delivery.deliveryCount === 1)
        broker.nack(delivery, { requeue: true });
      else broker.ack(delivery);
    },
    { prefetch: 1 },
  );
  await sleep(20);
  expect(seen).toEqual([
    ['a', 1],
    ['a', 2],
    ['b', 1],
  ]);
});

test('a nack without requeue dead-letters the message with its reason', async () => {
  const broker = freshBroker();
  const id = broker.publish('q', 'poison');
  broker.consume('q', (delivery) => broker.nack(delivery, { requeue: false, reason: 'bad sku' }), {
    prefetch: 1,
  });
  await sleep(10);
  expect(broker.deadLetters('q')).toEqual([
    { id, body: 'poison', deliveryCount: 1, reason: 'bad sku' },
  ]);
  expect(eventsOf(broker).map((event) => event.event)).toEqual([
    'published',
    'delivered',
    'nacked',
    'dead-lettered',
  ]);
});

test('settling a delivery twice throws, as a channel error would', async () => {
  const broker = freshBroker();
  broker.publish('q', 'x');
  let delivery: Delivery | undefined;
  broker.consume(
    'q',
    (given) => {
      delivery = given;
    },
    { prefetch: 1 },
  );
  await nextTurn();
  broker.ack(delivery as Delivery);
  expect(() => broker.ack(delivery as Delivery)).toThrow(/already settled/);
});

test('a closed consumer gives its unsettled deliveries to the next one, which may not settle them twice', async () => {
  const broker = freshBroker();
  for (let index = 0; index < 4; index += 1) broker.publish('q', index);
  const first: Delivery[] = [];
  const subscription = broker.consume('q', (delivery) => first.push(delivery), { prefetch: 2 });
  await nextTurn();
  broker.ack(first[0] as Delivery);
  subscription.close();
  expect(() => broker.ack(first[1] as Delivery)).toThrow(/given back/);
  const second: Array<[unknown, number]> = [];
  broker.consume(
    'q',
    (delivery) => {
      second.push([delivery.body, delivery.deliveryCount]);
      broker.ack(delivery);
    },
    { prefetch: 2 },
  );
  await sleep(20);
  expect(second).toEqual([
    [1, 2],
    [2, 1],
    [3, 1],
  ]);
});

test('a cancelled consumer gets nothing more, but may settle what it holds', async () => {
  const broker = freshBroker();
  for (let index = 0; index < 3; index += 1) broker.publish('q', index);
  const held: Delivery[] = [];
  const subscription = broker.consume('q', (delivery) => held.push(delivery), { prefetch: 1 });
  await nextTurn();
  subscription.cancel();
  broker.ack(held[0] as Delivery);
  await sleep(10);
  expect(held).toHaveLength(1);
  expect(broker.stats('q')).toEqual({ ready: 2, unacked: 0, deadLettered: 0 });
  expect(broker.openConsumers('q')).toBe(1);
  subscription.close();
  expect(broker.openConsumers('q')).toBe(0);
});

test('a late ack from a consumer that closed does not settle the delivery another consumer now holds', async () => {
  const broker = freshBroker();
  broker.publish('q', 'order');
  const first: Delivery[] = [];
  const closing = broker.consume('q', (delivery) => first.push(delivery), { prefetch: 1 });
  await nextTurn();
  closing.close();
  const second: Delivery[] = [];
  broker.consume('q', (delivery) => second.push(delivery), { prefetch: 1 });
  await nextTurn();
  expect(second.map((delivery) => delivery.deliveryCount)).toEqual([2]);
  // The same message id, now the second consumer's: the first one's ack is stale.
  expect(() => broker.ack(first[0] as Delivery)).toThrow(/given back/);
  expect(broker.stats('q')).toEqual({ ready: 0, unacked: 1, deadLettered: 0 });
  broker.ack(second[0] as Delivery);
  expect(broker.stats('q')).toEqual({ ready: 0, unacked: 0, deadLettered: 0 });
});

test('a settle of an earlier delivery of a message throws once it was redelivered, even to the same consumer', async () => {
  const broker = freshBroker();
  broker.publish('q', 'order');
  const held: Delivery[] = [];
  broker.consume('q', (delivery) => held.push(delivery), { prefetch: 1 });
  await nextTurn();
  broker.nack(held[0] as Delivery, { requeue: true, reason: 'try again' });
  await nextTurn();
  expect(held.map((delivery) => delivery.deliveryCount)).toEqual([1, 2]);
  expect(() => broker.ack(held[0] as Delivery)).toThrow(/already settled/);
  broker.ack(held[1] as Delivery);
  expect(broker.stats('q')).toEqual({ ready: 0, unacked: 0, deadLettered: 0 });
});

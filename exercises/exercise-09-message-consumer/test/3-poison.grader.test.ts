import { brokerNamed, ledger } from '@kit/fake-broker';
import { check, expectThat, sleep } from '@kit/grading';
import {
  eventsOf,
  freshBrokerName,
  ORDERS_CHECK_TIMEOUT_MS,
  publishOrders,
  QUEUE,
  startConsumerApp,
  untilSettled,
} from './consumer-app.ts';

/** Ten good orders and one that always fails, for an app with these settings. */
async function withPoison(maxDeliveries?: string) {
  const broker = freshBrokerName();
  await startConsumerApp({
    BROKER: broker,
    ...(maxDeliveries ? { MAX_DELIVERIES: maxDeliveries } : {}),
  });
  const from = ledger.events.length;
  const { ids, poison } = publishOrders(broker, 10, { poison: true });
  // 8 s at most: a poison message requeued for ever keeps the broker busy, never silent.
  await untilSettled(broker, from, [...ids, poison as string], 8_000);
  await sleep(300); // a message dead-lettered must not come back
  const events = eventsOf(broker, from);
  const ofPoison = (kind: string) =>
    events.filter((event) => event.messageId === poison && event.event === kind).length;
  const goodAcked = ids.filter((id) =>
    events.some((event) => event.messageId === id && event.event === 'acked'),
  ).length;
  return {
    deliveries: ofPoison('delivered'),
    failures: ofPoison('failed'),
    deadLetter: brokerNamed(broker)
      .deadLetters(QUEUE)
      .find((letter) => letter.id === poison),
    goodAcked,
  };
}

check(
  'a failing order is delivered MAX_DELIVERIES times, then dead-lettered with its reason',
  { points: 3, hint: 4, timeoutMs: ORDERS_CHECK_TIMEOUT_MS },
  async () => {
    for (const [setting, limit] of [
      [undefined, 3],
      ['5', 5],
    ] as const) {
      const seen = await withPoison(setting);
      const where = setting ? `with MAX_DELIVERIES=${setting}` : 'with the default MAX_DELIVERIES';
      expectThat(seen.deliveries === limit && seen.failures === limit, {
        measured: `${where}, the order for an unknown SKU was delivered ${times(seen.deliveries)} and failed ${times(seen.failures)}`,
        expected: `delivered and failed exactly ${limit} times`,
        meaning:
          'A failure may be passing (a timeout): redeliver it (nack with requeue) while delivery.deliveryCount < maxDeliveries(). A message that fails every time must not come back for ever (a poison message): after the last delivery, nack it without requeue.',
        hint: 4,
      });
      expectThat(/POISON|SKU/i.test(seen.deadLetter?.reason ?? ''), {
        measured: seen.deadLetter
          ? `dead letter's reason: ${JSON.stringify(seen.deadLetter.reason)}`
          : `${where}, no dead letter for the failing order`,
        expected: "a dead letter whose reason carries fulfil()'s error (the unknown SKU)",
        meaning:
          "Whoever looks at the dead-letter queue must learn why each message is there: pass the error's message as the nack's reason.",
        hint: 4,
      });
      expectThat(seen.goodAcked === 10, {
        measured: `${where}, ${seen.goodAcked} of the 10 good orders acknowledged`,
        expected: 'all 10',
        meaning: 'One failing message must not stop the others.',
        hint: 4,
      });
    }
  },
);

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

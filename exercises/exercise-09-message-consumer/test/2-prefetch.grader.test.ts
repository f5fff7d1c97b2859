import { ledger } from '@kit/fake-broker';
import { check, expectFigure } from '@kit/grading';
import {
  eventsOf,
  freshBrokerName,
  handlerSpans,
  ORDERS_CHECK_TIMEOUT_MS,
  peakHandling,
  peakInHand,
  publishOrders,
  startConsumerApp,
  untilSettled,
} from './consumer-app.ts';

check(
  'CONSUMER_PREFETCH=6 handles exactly 6 orders at once',
  { points: 2, hint: 2, timeoutMs: ORDERS_CHECK_TIMEOUT_MS },
  async () => {
    const broker = freshBrokerName();
    await startConsumerApp({ BROKER: broker, CONSUMER_PREFETCH: '6' });
    const from = ledger.events.length;
    const { ids } = publishOrders(broker, 30);
    await untilSettled(broker, from, ids);
    const events = eventsOf(broker, from);
    const timeline = handlerSpans(
      events,
      new Map(ids.map((id, index) => [id, `order ${index + 1}`])),
    );
    const meaning =
      'The prefetch is a setting: read prefetch() when the consumer is created, and give it to consume(); not a number written in the code. (Fewer in hand can also mean messages acked on arrival, before their work.)';
    expectFigure({
      label: 'peak orders in hand, 30 published, CONSUMER_PREFETCH=6',
      measured: peakInHand(events),
      equals: 6,
      meaning,
      hint: 2,
      timeline,
    });
    // At least 4, not 6: libuv signs 4 at a time, so on a busy machine (load 8) the 5th and 6th
    // orders of the solution were still signing when the first four had shipped.
    expectFigure({
      label: 'peak orders being fulfilled at once',
      measured: peakHandling(events),
      atLeast: 4,
      meaning: `${meaning} Fewer than 4 shipping at once means handlers that wait for each other.`,
      hint: 2,
      timeline,
    });
  },
);

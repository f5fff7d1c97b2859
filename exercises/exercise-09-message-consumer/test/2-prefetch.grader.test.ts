import { ledger } from '@kit/fake-broker';
import { check, expectFigure } from '@kit/grading';
import {
  eventsOf,
  freshBrokerName,
  handlerSpans,
  peakHandling,
  publishOrders,
  startConsumerApp,
  untilSettled,
} from './consumer-app.ts';

check('CONSUMER_PREFETCH=6 handles exactly 6 orders at once', { points: 2, hint: 2 }, async () => {
  const broker = freshBrokerName();
  await startConsumerApp({ BROKER: broker, CONSUMER_PREFETCH: '6' });
  const from = ledger.events.length;
  const { ids } = publishOrders(broker, 30);
  await untilSettled(broker, from, ids, 6_000);
  const events = eventsOf(broker, from);
  expectFigure({
    label: 'peak orders handled at once, 30 published, CONSUMER_PREFETCH=6',
    measured: peakHandling(events),
    equals: 6,
    meaning:
      'The prefetch is a setting: read prefetch() when the consumer is created, and give it to consume(); not a number written in the code.',
    hint: 2,
    timeline: handlerSpans(events, new Map(ids.map((id, index) => [id, `order ${index + 1}`]))),
  });
});

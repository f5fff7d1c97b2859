import { ledger } from '@kit/fake-broker';
import {
  check,
  expectFigure,
  expectThat,
  formatMs,
  kitFetch,
  monitorEventLoop,
  now,
  probe,
} from '@kit/grading';
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

const BURST = 60;
const PREFETCH = 4;

/** A burst of 60 orders for an app with the default settings, watched: once per file. */
let run: ReturnType<typeof burst> | undefined;
async function burst() {
  const broker = freshBrokerName();
  const { baseUrl } = await startConsumerApp({ BROKER: broker });
  // The app's first answer carries its cold start (the route's first call, a new connection):
  // 39–105 ms on an idle machine and over 200 ms beside two CPU hogs, with the consumer idle.
  await kitFetch(`${baseUrl}/health`).then((answer) => answer.text());
  const from = ledger.events.length;
  const origin = now();
  const clock = () => now() - origin;
  const loop = monitorEventLoop({ clock });
  const health = probe(`${baseUrl}/health`, 50);
  const { ids } = publishOrders(broker, BURST);
  const settled = await untilSettled(broker, from, ids);
  const ms = clock();
  const healthWaits = await health.stop();
  const report = loop.stop();
  const events = eventsOf(broker, from);
  const names = new Map(ids.map((id, index) => [id, `order ${index + 1}`]));
  return { ids, events, settled, ms, report, healthWaits, timeline: handlerSpans(events, names) };
}
const burstRun = () => {
  run ??= burst();
  return run;
};

check(
  'GET /health answers, and the event loop stays free, while a burst of 60 orders is handled',
  { points: 3, hint: 1, timeoutMs: ORDERS_CHECK_TIMEOUT_MS },
  async () => {
    const { report, healthWaits, ms } = await burstRun();
    expectFigure({
      label: 'event-loop utilisation while the burst was handled',
      measured: report.utilization * 100,
      unit: '%',
      atMost: 40,
      meaning: `The share of the ${formatMs(ms)} ms the event loop spent running code (its longest silence: ${formatMs(report.longestGapMs)} ms). Signing with pbkdf2Sync holds the loop for each message, and a consumer shares its loop with the HTTP server: nothing else runs meanwhile. crypto.pbkdf2 does the same work on libuv's thread pool.`,
      hint: 1,
      timeline: report.blocked,
    });
    expectFigure({
      label: 'longest wait for GET /health meanwhile',
      measured: Math.max(...healthWaits),
      unit: 'ms',
      atMost: 200,
      meaning:
        'A health check that waits for the consumer is how a blocked loop looks from outside: the instance is taken out of service while it works hardest.',
      hint: 1,
      timeline: report.blocked,
    });
  },
);

check(
  'at most 4 orders (the default CONSUMER_PREFETCH) are handled at once, and 4 are',
  { points: 3, hint: 2, timeoutMs: ORDERS_CHECK_TIMEOUT_MS },
  async () => {
    const { events, timeline } = await burstRun();
    expectFigure({
      label: 'peak orders in hand (delivered, not yet settled), 60 published, no CONSUMER_PREFETCH',
      measured: peakInHand(events),
      equals: PREFETCH,
      meaning:
        'More: the consumer takes every message there is (prefetch 0 means no limit), so a burst becomes as many handlers at once, and a crash loses all of them. Fewer: each message is settled as soon as it arrives, before its work, so the prefetch bounds nothing. Consume with { prefetch: prefetch() } and ack when the work is done.',
      hint: 2,
      timeline,
    });
    expectFigure({
      label: 'peak orders being fulfilled at once',
      measured: peakHandling(events),
      equals: PREFETCH,
      meaning:
        'The consumer holds prefetch() orders but ships fewer at a time: its handlers wait for each other. Start each handler as its message arrives, without awaiting the previous one.',
      hint: 2,
      timeline,
    });
  },
);

check(
  'every order is acknowledged exactly once, and only after its work finished',
  { points: 3, hint: 3, timeoutMs: ORDERS_CHECK_TIMEOUT_MS },
  async () => {
    const { ids, events, settled, timeline } = await burstRun();
    const problems = ids.flatMap((id, index) => {
      const mine = events.filter((event) => event.messageId === id);
      const acks = mine.filter((event) => event.event === 'acked');
      const finished = mine.find((event) => event.event === 'finished');
      const name = `order ${index + 1}`;
      if (acks.length === 0) return [`${name} never acknowledged`];
      if (acks.length > 1) return [`${name} acknowledged ${acks.length} times`];
      if (!finished || finished.seq > (acks[0]?.seq ?? 0)) {
        return [
          `${name} acknowledged ${finished ? 'before its work finished' : 'and its work never finished'}`,
        ];
      }
      return [];
    });
    expectThat(settled && problems.length === 0, {
      measured: `${problems.length} of ${ids.length} orders wrong: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`,
      expected: 'each order acknowledged once, after fulfil() resolved',
      meaning:
        'An acknowledgement tells the broker the message may be forgotten. Sent before the work is done, a crash or a failure in between loses the order for good. Ack after `await fulfil(…)`, once.',
      hint: 3,
      timeline,
    });
  },
);

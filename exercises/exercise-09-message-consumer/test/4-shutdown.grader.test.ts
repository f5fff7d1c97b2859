import { brokerNamed, type LedgerEvent, ledger } from '@kit/fake-broker';
import { check, expectThat, now, sleep, within } from '@kit/grading';
import {
  eventsOf,
  freshBrokerName,
  handlerSpans,
  ORDERS_CHECK_TIMEOUT_MS,
  publishOrders,
  QUEUE,
  startConsumerApp,
  untilSettled,
} from './consumer-app.ts';

const ORDERS = 40;

check(
  'shutdown in the middle of a burst, then a second consumer: no order lost, none handled twice',
  { points: 4, hint: 5, timeoutMs: ORDERS_CHECK_TIMEOUT_MS },
  async () => {
    const broker = freshBrokerName();
    const first = await startConsumerApp({ BROKER: broker });
    const from = ledger.events.length;
    const { ids } = publishOrders(broker, ORDERS);
    const finished = () =>
      eventsOf(broker, from).filter((event) => event.event === 'finished').length;
    const deadline = now() + 5_000;
    while (finished() < 10 && now() < deadline) await sleep(5);
    const closing = await within(first.close(), 5_000);
    expectThat(!('expired' in closing), {
      measured: 'app.close() had not returned after 5 s',
      expected: 'app.close() returns once the orders in hand are finished (or let go)',
      meaning:
        'Nest waits for your shutdown hook: one that waits for the whole queue, or for a promise that never settles, never lets the process stop.',
      hint: 5,
    });
    const closedAt = ledger.events.length;
    // Cancelled is not closed: a consumer left open holds its channel until the process dies.
    const leftOpen = brokerNamed(broker).openConsumers(QUEUE);
    await startConsumerApp({ BROKER: broker });
    await untilSettled(broker, from, ids);
    await sleep(100);
    const events = eventsOf(broker, from);
    const { lost, twice, lateRuns } = judge(events, ids, closedAt);
    const names = new Map(ids.map((id, index) => [id, `order ${index + 1}`]));
    const name = (id: string) => names.get(id) ?? id;
    expectThat(lost.length === 0 && twice.length === 0, {
      measured: [
        lost.length > 0
          ? `lost: ${lost.map(name).slice(0, 6).join(', ')}${lost.length > 6 ? ', …' : ''} (${lost.length})`
          : '',
        twice.length > 0
          ? `handled twice: ${twice.map(name).slice(0, 6).join(', ')} (${twice.length})`
          : '',
        lateRuns > 0
          ? `${lateRuns} handler(s) of the first app still ran after its app.close() returned`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
      expected: `each of the ${ORDERS} orders handled to the end once, and acknowledged after that, by one app or the other`,
      meaning: `Lost: acknowledged before its work was done, or done by the first app after its close() returned (work a stopping process never finishes), or dropped. Twice: finished by the first app and then again by the second, because it was not acknowledged in time. On shutdown: cancel the subscription (no new messages), wait for the handlers in hand, ack them, then close.`,
      hint: 5,
      timeline: handlerSpans(events, names),
    });
    expectThat(leftOpen === 0, {
      measured: `the first app's consumer was still open when its app.close() returned (${leftOpen} open on ${QUEUE})`,
      expected:
        'the subscription closed once the handlers in hand were done: cancel, wait, then close',
      meaning:
        'cancel() only stops new deliveries; close() lets go of the subscription (in AMQP, its channel) and gives back what it still holds. A consumer cancelled and never closed keeps it until the process dies.',
      hint: 5,
    });
  },
);

/**
 * Which orders were lost or handled twice. A run of the first app's
 * consumers that ended after its close() returned counts as never having
 * happened: in a real process, that work dies with it.
 */
function judge(events: readonly LedgerEvent[], ids: readonly string[], closedAt: number) {
  const firstConsumers = new Set(
    events.filter((event) => event.seq < closedAt && event.consumer).map((event) => event.consumer),
  );
  const late = (event: LedgerEvent) => firstConsumers.has(event.consumer) && event.seq >= closedAt;
  const lost: string[] = [];
  const twice: string[] = [];
  for (const id of ids) {
    const mine = events.filter((event) => event.messageId === id);
    const runs = mine.filter((event) => event.event === 'finished' && !late(event));
    const acked = mine.filter((event) => event.event === 'acked' && !late(event));
    const ackAfterRun = acked.some((ack) =>
      runs.some((run) => run.consumer === ack.consumer && run.seq < ack.seq),
    );
    if (!ackAfterRun) lost.push(id);
    if (runs.length > 1 || acked.length > 1) twice.push(id);
  }
  const lateRuns = events.filter(
    (event) => (event.event === 'finished' || event.event === 'failed') && late(event),
  ).length;
  return { lost, twice, lateRuns };
}

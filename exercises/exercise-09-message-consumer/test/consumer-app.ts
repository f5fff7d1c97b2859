import { brokerNamed, type LedgerEvent, ledger } from '@kit/fake-broker';
import { learnerModule, now, type Span, sleep, startAppUnderTest } from '@kit/grading';
import { Test } from '@nestjs/testing';

const appModule = learnerModule('src/app.module.ts', () => import('#exercise/app.module.ts'), [
  'AppModule',
]);
const provided = learnerModule('src/fulfil.ts', () => import('#exercise/fulfil.ts'), ['fulfil']);

export const QUEUE = 'orders';

let brokers = 0;

/** A broker of its own for a scenario, so that no other scenario's messages or events mix in. */
export function freshBrokerName(): string {
  brokers += 1;
  return `grader-${process.pid}-${brokers}`;
}

/** The learner's AppModule consuming from `BROKER`, with these settings, on a loopback port. */
export async function startConsumerApp(settings: {
  readonly BROKER: string;
  readonly CONSUMER_PREFETCH?: string;
  readonly MAX_DELIVERIES?: string;
}) {
  const { AppModule } = await appModule();
  await provided();
  return startAppUnderTest(
    async () => {
      const moduleRef = await Test.createTestingModule({ imports: [AppModule as never] }).compile();
      return moduleRef.createNestApplication({ logger: false });
    },
    { CONSUMER_PREFETCH: undefined, MAX_DELIVERIES: undefined, ...settings },
  );
}

/** Publishes `count` orders (and optionally one that always fails); returns their ids in order. */
export function publishOrders(broker: string, count: number, options: { poison?: boolean } = {}) {
  const queue = brokerNamed(broker);
  const ids: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    ids.push(
      queue.publish(QUEUE, { orderId: `${broker}-order-${index}`, sku: 'MUG-1', quantity: 1 }),
    );
  }
  const poison = options.poison
    ? queue.publish(QUEUE, { orderId: `${broker}-poison`, sku: 'POISON', quantity: 1 })
    : undefined;
  return { ids, poison };
}

/** This broker's events in the ledger, from `from` on. */
export function eventsOf(broker: string, from: number): LedgerEvent[] {
  return ledger.since(from).filter((event) => event.broker === broker);
}

/** How long a broker may stay silent before a wait for its orders gives up: the consumer stopped. */
const SILENT_MS = 2_000;

/**
 * How long a check that waits for orders may take: the waits give up at a silence, so a busy
 * machine, which slows a consumer that keeps working, gets the time it needs.
 */
export const ORDERS_CHECK_TIMEOUT_MS = 25_000;

/**
 * Waits until every id was acknowledged (or dead-lettered); gives up once nothing happened on
 * the broker for 2 s, or after `ms`. A fixed deadline called the solution's orders "never
 * acknowledged" at load 8, where the burst of 60 took more than 8 s.
 */
export async function untilSettled(
  broker: string,
  from: number,
  ids: readonly string[],
  ms = 20_000,
) {
  const deadline = now() + ms;
  let seen = eventsOf(broker, from).length;
  let lastEventAt = now();
  const settled = () => {
    const done = new Set(
      eventsOf(broker, from)
        .filter((event) => event.event === 'acked' || event.event === 'dead-lettered')
        .map((event) => event.messageId),
    );
    return ids.every((id) => done.has(id));
  };
  while (!settled() && now() < deadline && now() - lastEventAt < SILENT_MS) {
    await sleep(10);
    const events = eventsOf(broker, from).length;
    if (events !== seen) {
      seen = events;
      lastEventAt = now();
    }
  }
  return settled();
}

/** The most handlers running at once (started, not yet finished or failed), from the ledger's order. */
export function peakHandling(events: readonly LedgerEvent[]): number {
  const running = new Set<string>();
  let peak = 0;
  for (const event of events) {
    const run = `${event.consumer} ${event.messageId}`;
    if (event.event === 'started') running.add(run);
    if (event.event === 'finished' || event.event === 'failed') running.delete(run);
    peak = Math.max(peak, running.size);
  }
  return peak;
}

/** The most deliveries a consumer held unsettled at once (delivered, not yet acked, nacked or given back). */
export function peakInHand(events: readonly LedgerEvent[]): number {
  const inHand = new Set<string>();
  let peak = 0;
  for (const event of events) {
    const held = `${event.consumer} ${event.messageId}`;
    if (event.event === 'delivered') inHand.add(held);
    if (event.event === 'acked' || event.event === 'nacked' || event.event === 'requeued') {
      inHand.delete(held);
    }
    peak = Math.max(peak, inHand.size);
  }
  return peak;
}

/** Each handler's run, drawn on the toolkit's clock from the first event. */
export function handlerSpans(
  events: readonly LedgerEvent[],
  names: ReadonlyMap<string, string>,
): Span[] {
  const origin = events[0]?.at ?? 0;
  const open = new Map<string, LedgerEvent>();
  const spans: Span[] = [];
  for (const event of events) {
    const run = `${event.consumer} ${event.messageId}`;
    if (event.event === 'started') open.set(run, event);
    if (event.event === 'finished' || event.event === 'failed') {
      const started = open.get(run);
      open.delete(run);
      spans.push({
        label: names.get(event.messageId) ?? event.messageId.slice(0, 8),
        start: (started?.at ?? event.at) - origin,
        end: event.at - origin,
        outcome: event.event === 'finished' ? 'fulfilled' : 'rejected',
      });
    }
  }
  return spans.slice(0, 24);
}

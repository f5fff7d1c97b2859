import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as wait } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisAnswers } from '../config/redis-answers.ts';
import type {
  DeadOrder,
  Order,
  OrderDelivery,
  OrdersBroker,
  QueueStats,
  SettledOrder,
} from './order.ts';

/** The consumer group every app and consumer process of a queue joins. */
const GROUP = 'order-consumers';
/** How long one read waits for orders: a cancel takes at most this long to be sure no more come. */
const READ_BLOCK_MS = 500;
/** Longest a shutdown waits for a broker that does not answer. */
const LET_GO_MS = 2_000;
/** Entries kept in the dead-letter and settled streams (about: Redis trims in whole nodes). */
const KEPT = 1_000;

type Entry = [id: string, fields: string[]];

/**
 * Orders on Redis Streams, one consumer group per queue: the broker a Node
 * service already has when it uses BullMQ. AMQP's terms map onto it so:
 *
 * - **prefetch**: Redis does not push; this client reads (`XREADGROUP COUNT`)
 *   only as many as it has room for, so the bound is kept by the client.
 * - **ack**: `XACK` and `XDEL`, in one transaction.
 * - **nack with requeue**: the order is added again with its delivery count
 *   (`XADD`, then `XACK` and `XDEL` of the old entry, in one transaction). It
 *   goes to the tail of the stream, not the head as in AMQP.
 * - **delivery count**: carried in the entry, plus Redis's own count of
 *   deliveries of a pending entry, which a takeover adds to.
 * - **dead letters**: a second stream, `<queue>:dead`, with the reason.
 * - **a consumer that dies**: its unacknowledged orders stay pending in the
 *   group, and any consumer takes them over (`XAUTOCLAIM`) once they have sat
 *   idle `ORDERS_CLAIM_IDLE_MS`: none is lost, and the new delivery counts.
 */
export class RedisStreamsOrdersBroker implements OrdersBroker {
  readonly consumerName = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly description: string;
  private readonly logger = new Logger('Orders');
  /** Commands, and blocking reads on a connection of their own (a blocked connection serves nothing else). */
  private readonly commands: Redis;
  private readonly reader: Redis;
  private readonly dead: string;
  private readonly settledStream: string;
  private unsettled = 0;
  private active = false;
  private reading: Promise<void> = Promise.resolve();
  private roomFreed: (() => void) | undefined;
  /** Outages are told once each, from the first start on. */
  private connection: 'starting' | 'up' | 'away' = 'starting';

  constructor(
    private readonly url: string,
    private readonly stream: string,
    private readonly claimIdleMs: number,
  ) {
    this.description = `Redis Streams on ${url} (stream "${stream}")`;
    this.dead = `${stream}:dead`;
    this.settledStream = `${stream}:settled`;
    // Commands wait for a reconnection rather than fail: an order acked is never lost to an outage.
    this.commands = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
    this.reader = this.commands.duplicate();
    for (const connection of [this.commands, this.reader]) {
      connection.on('error', (error: Error) => this.wentAway(error));
      connection.on('ready', () => this.cameBack());
    }
  }

  async connect(): Promise<void> {
    await redisAnswers(this.url);
    await Promise.all([this.commands.connect(), this.reader.connect()]);
    this.connection = 'up';
    await this.commands.xgroup('CREATE', this.stream, GROUP, '0', 'MKSTREAM').catch((error) => {
      if (!String(error).includes('BUSYGROUP')) throw error;
    });
  }

  async publish(orders: readonly Order[]): Promise<void> {
    const batch = this.commands.multi();
    for (const order of orders) {
      batch.xadd(this.stream, '*', 'order', JSON.stringify(order), 'redeliveries', '0');
    }
    await batch.exec();
  }

  consume(onDelivery: (delivery: OrderDelivery) => void, prefetch: number): void {
    this.active = true;
    this.reading = this.readLoop(onDelivery, prefetch);
  }

  async cancel(): Promise<void> {
    this.active = false;
    this.roomFreed?.();
    // A read waiting for a broker that is away would hold the shutdown: it is cut, and
    // whatever it took stays pending in the group for a takeover.
    if (
      (await Promise.race([
        this.reading.then(() => 'read'),
        wait(LET_GO_MS, 'late', { ref: false }),
      ])) === 'late'
    ) {
      this.reader.disconnect();
      await this.reading;
    }
  }

  async ack(delivery: OrderDelivery): Promise<void> {
    await this.settle(delivery, 'acked');
  }

  async nack(
    delivery: OrderDelivery,
    options: { requeue: boolean; reason: string },
  ): Promise<void> {
    const order = JSON.stringify(delivery.order);
    const count = String(delivery.deliveryCount);
    await this.settle(delivery, options.requeue ? 'requeued' : 'dead-lettered', (batch) =>
      options.requeue
        ? batch.xadd(this.stream, '*', 'order', order, 'redeliveries', count)
        : this.deadLetter(batch, order, count, options.reason),
    );
  }

  async stats(): Promise<QueueStats> {
    const [length, pending, dead] = await Promise.all([
      this.commands.xlen(this.stream),
      this.commands.xpending(this.stream, GROUP) as Promise<[number, ...unknown[]]>,
      this.commands.xlen(this.dead),
    ]);
    // Acked entries are deleted, so the stream holds the waiting ones and the pending ones.
    return { waiting: length - pending[0], unacked: pending[0], deadLettered: dead };
  }

  async deadLetters(count: number): Promise<DeadOrder[]> {
    const entries = (await this.commands.xrevrange(this.dead, '+', '-', 'COUNT', count)) as Entry[];
    return entries.map(([, fields]) => {
      const field = fieldsOf(fields);
      return {
        order: parseJson(field.order),
        deliveryCount: Number(field.deliveryCount),
        reason: field.reason ?? '',
      };
    });
  }

  async recent(count: number): Promise<SettledOrder[]> {
    const entries = (await this.commands.xrevrange(
      this.settledStream,
      '+',
      '-',
      'COUNT',
      count,
    )) as Entry[];
    return entries.map(([, fields]) => parseJson(fieldsOf(fields).settled) as SettledOrder);
  }

  async close(): Promise<void> {
    // A consumer with nothing pending leaves the group; one with orders pending stays, for a takeover.
    const leave = async () => {
      const mine = (await this.commands.xpending(
        this.stream,
        GROUP,
        '-',
        '+',
        1,
        this.consumerName,
      )) as unknown[];
      if (mine.length === 0) {
        await this.commands.xgroup('DELCONSUMER', this.stream, GROUP, this.consumerName);
      }
      // The reader is already closed when a cancel had to cut it.
      await Promise.all(
        [this.commands, this.reader].map((connection) =>
          connection.status === 'end' ? undefined : connection.quit(),
        ),
      );
    };
    // A broker that is away is not waited for: the shutdown ends, and the group keeps what it must.
    if (
      (await Promise.race([
        leave().then(() => 'left'),
        wait(LET_GO_MS, 'late', { ref: false }),
      ])) === 'late'
    ) {
      this.commands.disconnect();
      this.reader.disconnect();
    }
  }

  private async readLoop(onDelivery: (delivery: OrderDelivery) => void, prefetch: number) {
    let lastTakeover = 0;
    while (this.active) {
      const room = prefetch - this.unsettled;
      if (room <= 0) {
        await new Promise<void>((resolve) => {
          this.roomFreed = resolve;
        });
        continue;
      }
      try {
        let deliveries: OrderDelivery[] = [];
        if (Date.now() - lastTakeover >= Math.min(this.claimIdleMs, 5_000)) {
          lastTakeover = Date.now();
          deliveries = await this.takeOver(room);
        }
        if (deliveries.length === 0) deliveries = await this.read(room);
        for (const delivery of deliveries) {
          this.unsettled += 1;
          onDelivery(delivery);
        }
      } catch {
        // An outage is logged by the connection's 'error' event; the read is tried again.
        await wait(READ_BLOCK_MS);
      }
    }
  }

  /** New orders, never delivered to anyone. */
  private async read(room: number): Promise<OrderDelivery[]> {
    const reply = (await this.reader.xreadgroup(
      'GROUP',
      GROUP,
      this.consumerName,
      'COUNT',
      room,
      'BLOCK',
      READ_BLOCK_MS,
      'STREAMS',
      this.stream,
      '>',
    )) as Array<[string, Entry[]]> | null;
    return this.accept(reply?.[0]?.[1] ?? [], () => 1);
  }

  /** Orders a consumer took and left unacknowledged for longer than the claim idle time. */
  private async takeOver(room: number): Promise<OrderDelivery[]> {
    const [, entries] = (await this.commands.xautoclaim(
      this.stream,
      GROUP,
      this.consumerName,
      this.claimIdleMs,
      '0-0',
      'COUNT',
      room,
    )) as [string, Entry[]];
    const counts = new Map<string, number>();
    for (const [id] of entries) {
      const [pending] = (await this.commands.xpending(this.stream, GROUP, id, id, 1)) as Array<
        [string, string, number, number]
      >;
      counts.set(id, pending?.[3] ?? 1);
    }
    if (entries.length > 0) {
      this.logger.warn(`took over ${entries.length} order(s) another consumer left unacknowledged`);
    }
    return this.accept(entries, (id) => counts.get(id) ?? 1);
  }

  /** Entries as deliveries; one that is not an order is dead-lettered at once. */
  private async accept(
    entries: Entry[],
    deliveries: (id: string) => number,
  ): Promise<OrderDelivery[]> {
    const accepted: OrderDelivery[] = [];
    for (const [id, fields] of entries) {
      const field = fieldsOf(fields);
      const order = parseJson(field.order) as Order | undefined;
      const deliveryCount = Number(field.redeliveries ?? 0) + deliveries(id);
      if (!order || typeof order.orderId !== 'string') {
        await this.deadLetter(
          this.commands.multi(),
          field.order ?? '',
          String(deliveryCount),
          'not an order: its "order" field is not an order as JSON',
        )
          .xack(this.stream, GROUP, id)
          .xdel(this.stream, id)
          .exec();
        continue;
      }
      accepted.push({ id, order, deliveryCount, deliveredAt: Date.now() });
    }
    return accepted;
  }

  /** Adds an order to the dead letters, with its delivery count and why, to a transaction. */
  private deadLetter(
    batch: ReturnType<Redis['multi']>,
    order: string,
    deliveryCount: string,
    reason: string,
  ): ReturnType<Redis['multi']> {
    return batch.xadd(
      this.dead,
      'MAXLEN',
      '~',
      KEPT,
      '*',
      'order',
      order,
      'deliveryCount',
      deliveryCount,
      'reason',
      reason,
    );
  }

  /** Acknowledges an entry, with whatever goes with it, and the record of it, in one transaction. */
  private async settle(
    delivery: OrderDelivery,
    outcome: SettledOrder['outcome'],
    alongside?: (batch: ReturnType<Redis['multi']>) => unknown,
  ): Promise<void> {
    const settled: SettledOrder = {
      orderId: delivery.order.orderId,
      deliveryCount: delivery.deliveryCount,
      consumer: this.consumerName,
      deliveredAt: delivery.deliveredAt,
      settledAt: Date.now(),
      outcome,
    };
    const batch = this.commands.multi();
    alongside?.(batch);
    const results = await batch
      .xack(this.stream, GROUP, delivery.id)
      .xdel(this.stream, delivery.id)
      .xadd(this.settledStream, 'MAXLEN', '~', KEPT, '*', 'settled', JSON.stringify(settled))
      .exec();
    if (results?.[alongside ? 1 : 0]?.[1] === 0) {
      this.logger.warn(
        `order ${delivery.order.orderId} was no longer ours to settle: another consumer took it over (ORDERS_CLAIM_IDLE_MS is shorter than its work)`,
      );
    }
    this.unsettled -= 1;
    this.roomFreed?.();
    this.roomFreed = undefined;
  }

  private wentAway(error: Error): void {
    if (this.connection !== 'up') return;
    this.connection = 'away';
    this.logger.warn(
      `the broker went away (${error.message}); reconnecting, orders in hand are kept`,
    );
  }

  private cameBack(): void {
    if (this.connection !== 'away') return;
    this.connection = 'up';
    this.logger.warn('the broker is back; consuming again');
  }
}

function fieldsOf(fields: string[]): Record<string, string | undefined> {
  const record: Record<string, string> = {};
  for (let index = 0; index + 1 < fields.length; index += 2) {
    record[fields[index] as string] = fields[index + 1] as string;
  }
  return record;
}

function parseJson(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

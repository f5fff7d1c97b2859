import { brokerNamed, type Delivery, type Subscription } from '@kit/fake-broker';
import type {
  DeadOrder,
  Order,
  OrderDelivery,
  OrdersBroker,
  QueueStats,
  SettledOrder,
} from './order.ts';

/** The broker every app of this process shares, as exercise 09's grader shares its own. */
const IN_PROCESS_BROKER = 'reference-app';
/** How many settled deliveries `recent` remembers, per queue. */
const RECENT = 1_000;
/** Settled deliveries by queue, shared by the apps of this process as the broker is. */
const settledByQueue = new Map<string, SettledOrder[]>();

/**
 * Orders on the in-process broker of exercise 09 (`@kit/fake-broker`, AMQP's
 * semantics): the default, for one process. It keeps a ledger of every
 * event for the graders, so it suits a class, not months of traffic.
 */
export class InProcessOrdersBroker implements OrdersBroker {
  readonly description = 'the in-process broker';
  private readonly broker = brokerNamed(IN_PROCESS_BROKER);
  private readonly unsettled = new Map<OrderDelivery, Delivery<Order>>();
  private readonly settled: SettledOrder[];
  private subscription: Subscription | undefined;
  private tag = 'not consuming';

  constructor(private readonly queue: string) {
    this.settled = settledByQueue.get(queue) ?? [];
    settledByQueue.set(queue, this.settled);
  }

  get consumerName(): string {
    return this.tag;
  }

  async connect(): Promise<void> {}

  async publish(orders: readonly Order[]): Promise<void> {
    for (const order of orders) this.broker.publish(this.queue, order);
  }

  consume(onDelivery: (delivery: OrderDelivery) => void, prefetch: number): void {
    this.subscription = this.broker.consume<Order>(
      this.queue,
      (delivery) => {
        this.tag = delivery.consumerTag;
        const handed = {
          id: delivery.id,
          order: delivery.body,
          deliveryCount: delivery.deliveryCount,
          deliveredAt: Date.now(),
        };
        this.unsettled.set(handed, delivery);
        onDelivery(handed);
      },
      { prefetch },
    );
  }

  async cancel(): Promise<void> {
    this.subscription?.cancel();
  }

  async ack(delivery: OrderDelivery): Promise<void> {
    this.broker.ack(this.take(delivery));
    this.note(delivery, 'acked');
  }

  async nack(
    delivery: OrderDelivery,
    options: { requeue: boolean; reason: string },
  ): Promise<void> {
    this.broker.nack(this.take(delivery), options);
    this.note(delivery, options.requeue ? 'requeued' : 'dead-lettered');
  }

  async stats(): Promise<QueueStats> {
    const { ready, unacked, deadLettered } = this.broker.stats(this.queue);
    return { waiting: ready, unacked, deadLettered };
  }

  async deadLetters(count: number): Promise<DeadOrder[]> {
    return this.broker
      .deadLetters(this.queue)
      .slice(-count)
      .reverse()
      .map(({ body, deliveryCount, reason }) => ({ order: body, deliveryCount, reason }));
  }

  async recent(count: number): Promise<SettledOrder[]> {
    return this.settled.slice(-count).reverse();
  }

  async close(): Promise<void> {
    this.subscription?.close();
  }

  private take(delivery: OrderDelivery): Delivery<Order> {
    const original = this.unsettled.get(delivery);
    if (!original) throw new Error(`order ${delivery.order.orderId} was already settled`);
    this.unsettled.delete(delivery);
    return original;
  }

  private note(delivery: OrderDelivery, outcome: SettledOrder['outcome']): void {
    this.settled.push({
      orderId: delivery.order.orderId,
      deliveryCount: delivery.deliveryCount,
      consumer: this.tag,
      deliveredAt: delivery.deliveredAt,
      settledAt: Date.now(),
      outcome,
    });
    if (this.settled.length > RECENT) this.settled.splice(0, this.settled.length - RECENT);
  }
}

import { randomUUID } from 'node:crypto';
import { setNextTurn } from '@kit/measure';
import { ledger } from './ledger.ts';

/** A message handed to a consumer; settle it once with `ack` or `nack`. */
export interface Delivery<Body = unknown> {
  readonly id: string;
  readonly body: Body;
  /** 1 on the first delivery, 2 on the first redelivery, and so on. */
  readonly deliveryCount: number;
  /** Names the subscription it was delivered to, as AMQP's consumer tag does. */
  readonly consumerTag: string;
  /** The name of the broker it came from. */
  readonly broker: string;
}

/** A message that was given up on, with why. */
export interface DeadLetter<Body = unknown> {
  readonly id: string;
  readonly body: Body;
  readonly deliveryCount: number;
  readonly reason: string;
}

export interface ConsumeOptions {
  /** The most deliveries unsettled at once; 0 means no limit, as in AMQP. */
  readonly prefetch: number;
}

/** A consumer's subscription to a queue. */
export interface Subscription {
  /** Stops new deliveries; those in hand may still be settled. */
  cancel(): void;
  /** Cancels, and gives every delivery still unsettled back to the queue for another consumer. */
  close(): void;
}

interface Stored {
  readonly id: string;
  readonly body: unknown;
  deliveries: number;
}

interface Consumer {
  readonly tag: string;
  readonly queue: Queue;
  readonly onMessage: (delivery: Delivery) => void;
  readonly prefetch: number;
  readonly unsettled: Map<string, Stored>;
  active: boolean;
  open: boolean;
}

interface Queue {
  readonly name: string;
  readonly ready: Stored[];
  readonly deadLetters: DeadLetter[];
  readonly consumers: Consumer[];
  dispatching: boolean;
}

/**
 * An in-process message broker with the semantics of AMQP's basic.consume:
 * messages are pushed to consumers, at most `prefetch` unsettled each; a
 * `nack` with `requeue` puts one back at the head of its queue, without
 * requeue into the queue's dead letters with a reason; a consumer that
 * closes gives its unsettled messages back. Settling a delivery twice, or
 * one that is not yours any more, throws, as a channel error would.
 *
 * @example
 * const broker = brokerNamed('orders-test');
 * broker.publish('orders', { id: 1 });
 * const subscription = broker.consume('orders', (delivery) => { … broker.ack(delivery); }, { prefetch: 4 });
 */
export class Broker {
  private readonly queues = new Map<string, Queue>();
  private readonly owners = new Map<string, Consumer>();
  private consumers = 0;

  constructor(readonly name: string) {}

  /** Adds a message at the tail of a queue; returns its id. */
  publish(queueName: string, body: unknown): string {
    const id = randomUUID();
    this.queue(queueName).ready.push({ id, body, deliveries: 0 });
    ledger.note({ broker: this.name, messageId: id, event: 'published' });
    this.dispatchSoon(this.queue(queueName));
    return id;
  }

  consume<Body>(
    queueName: string,
    onMessage: (delivery: Delivery<Body>) => void,
    options: ConsumeOptions,
  ): Subscription {
    if (!Number.isInteger(options.prefetch) || options.prefetch < 0) {
      throw new Error(`prefetch must be a whole number, 0 for no limit; got ${options.prefetch}`);
    }
    const queue = this.queue(queueName);
    this.consumers += 1;
    const consumer: Consumer = {
      tag: `${this.name}/consumer-${this.consumers}`,
      queue,
      onMessage: onMessage as (delivery: Delivery) => void,
      prefetch: options.prefetch,
      unsettled: new Map(),
      active: true,
      open: true,
    };
    queue.consumers.push(consumer);
    this.dispatchSoon(queue);
    return {
      cancel: () => {
        consumer.active = false;
      },
      close: () => {
        consumer.active = false;
        consumer.open = false;
        const returned = [...consumer.unsettled.values()];
        consumer.unsettled.clear();
        for (const message of returned) {
          this.owners.delete(message.id);
          ledger.note({
            broker: this.name,
            messageId: message.id,
            event: 'requeued',
            detail: 'its consumer closed',
          });
        }
        queue.ready.unshift(...returned);
        this.dispatchSoon(queue);
      },
    };
  }

  ack(delivery: Delivery): void {
    const consumer = this.settle(delivery, 'ack');
    ledger.note({
      broker: this.name,
      messageId: delivery.id,
      consumer: consumer.tag,
      event: 'acked',
    });
    this.dispatchSoon(consumer.queue);
  }

  nack(delivery: Delivery, options: { requeue: boolean; reason?: string }): void {
    const consumer = this.settle(delivery, 'nack');
    const message = { id: delivery.id, body: delivery.body, deliveries: delivery.deliveryCount };
    const reason = options.reason ?? 'rejected by its consumer';
    ledger.note({
      broker: this.name,
      messageId: delivery.id,
      consumer: consumer.tag,
      event: 'nacked',
      detail: reason,
    });
    if (options.requeue) {
      consumer.queue.ready.unshift(message);
      ledger.note({ broker: this.name, messageId: delivery.id, event: 'requeued', detail: reason });
    } else {
      consumer.queue.deadLetters.push({
        id: delivery.id,
        body: delivery.body,
        deliveryCount: delivery.deliveryCount,
        reason,
      });
      ledger.note({
        broker: this.name,
        messageId: delivery.id,
        event: 'dead-lettered',
        detail: reason,
      });
    }
    this.dispatchSoon(consumer.queue);
  }

  deadLetters(queueName: string): readonly DeadLetter[] {
    return this.queue(queueName).deadLetters;
  }

  /** Consumers of a queue not yet closed, cancelled ones included: each holds a channel in AMQP. */
  openConsumers(queueName: string): number {
    return this.queue(queueName).consumers.filter((consumer) => consumer.open).length;
  }

  /** Messages waiting, delivered and unsettled, and given up on. */
  stats(queueName: string): { ready: number; unacked: number; deadLettered: number } {
    const queue = this.queue(queueName);
    return {
      ready: queue.ready.length,
      unacked: queue.consumers.reduce((sum, consumer) => sum + consumer.unsettled.size, 0),
      deadLettered: queue.deadLetters.length,
    };
  }

  private settle(delivery: Delivery, verb: string): Consumer {
    const consumer = this.owners.get(delivery.id);
    const stored = consumer?.unsettled.get(delivery.id);
    // A delivery is this consumer's, and this time's: a late settle from a consumer that closed
    // (or of an earlier delivery of the same message) must not settle another's, as in AMQP.
    if (
      !consumer ||
      !stored ||
      consumer.tag !== delivery.consumerTag ||
      stored.deliveries !== delivery.deliveryCount
    ) {
      throw new Error(
        `cannot ${verb} message ${delivery.id} (delivery ${delivery.deliveryCount} to ${delivery.consumerTag}): it was already settled, or given back when its consumer closed`,
      );
    }
    consumer.unsettled.delete(delivery.id);
    this.owners.delete(delivery.id);
    return consumer;
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = { name, ready: [], deadLetters: [], consumers: [], dispatching: false };
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Delivers on a later turn of the event loop, as a network broker would: never inside the caller's stack. */
  private dispatchSoon(queue: Queue): void {
    if (queue.dispatching) return;
    queue.dispatching = true;
    setNextTurn(() => {
      queue.dispatching = false;
      this.dispatch(queue);
    });
  }

  private dispatch(queue: Queue): void {
    for (;;) {
      const consumer = queue.consumers.find(
        (candidate) =>
          candidate.active &&
          (candidate.prefetch === 0 || candidate.unsettled.size < candidate.prefetch),
      );
      const message = consumer ? queue.ready.shift() : undefined;
      if (!consumer || !message) return;
      message.deliveries += 1;
      consumer.unsettled.set(message.id, message);
      this.owners.set(message.id, consumer);
      ledger.note({
        broker: this.name,
        messageId: message.id,
        consumer: consumer.tag,
        event: 'delivered',
      });
      // Round robin: the consumer that just got one goes to the back.
      queue.consumers.push(...queue.consumers.splice(queue.consumers.indexOf(consumer), 1));
      try {
        consumer.onMessage({
          id: message.id,
          body: message.body,
          deliveryCount: message.deliveries,
          consumerTag: consumer.tag,
          broker: this.name,
        });
      } catch (error) {
        // A callback that throws keeps its delivery unsettled, as a client library's would.
        ledger.note({
          broker: this.name,
          messageId: message.id,
          consumer: consumer.tag,
          event: 'failed',
          detail: `the consumer's callback threw: ${String(error)}`,
        });
      }
    }
  }
}

const brokers = new Map<string, Broker>();

/** The broker of this process with that name, made on first use: the app and its grader share it by name. */
export function brokerNamed(name: string): Broker {
  let broker = brokers.get(name);
  if (!broker) {
    broker = new Broker(name);
    brokers.set(name, broker);
  }
  return broker;
}

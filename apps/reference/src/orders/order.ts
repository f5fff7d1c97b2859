import { z } from 'zod';

/** The SKU the warehouse never accepts: its order fails every time (a poison message). */
export const UNKNOWN_SKU = 'POISON';

/** One order as a client sends it: what to ship, and how much CPU work handling it takes. */
export const orderInput = z.strictObject(
  {
    sku: z
      .string({ error: 'sku must be text, such as "MUG-1"' })
      .regex(/^[A-Z0-9-]{1,32}$/, { error: 'sku must be 1 to 32 capital letters, digits or -' }),
    quantity: z
      .number({ error: 'quantity must be a whole number from 1 to 1000' })
      .int({ error: 'quantity must be a whole number from 1 to 1000' })
      .min(1, { error: 'quantity must be a whole number from 1 to 1000' })
      .max(1000, { error: 'quantity must be a whole number from 1 to 1000' }),
    workMs: z
      .number({ error: 'workMs must be a whole number from 0 to 10000' })
      .int({ error: 'workMs must be a whole number from 0 to 10000' })
      .min(0, { error: 'workMs must be a whole number from 0 to 10000' })
      .max(10_000, { error: 'workMs must be a whole number from 0 to 10000' })
      .default(20),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.join(', ')}`
        : 'an order must be an object such as { "sku": "MUG-1", "quantity": 1 }',
  },
);

/** Most orders one `POST /orders` may publish. */
export const MOST_ORDERS = 1_000;

/**
 * `POST /orders`: one order, or a burst of up to {@link MOST_ORDERS}; each
 * wrong field is named, with the order's place in a burst.
 */
export const ordersBody = z.unknown().transform((body, context) => {
  const burst = Array.isArray(body);
  const items: unknown[] = burst ? body : [body];
  if (items.length < 1 || items.length > MOST_ORDERS) {
    context.addIssue({
      code: 'custom',
      message: `send one order, such as { "sku": "MUG-1", "quantity": 1 }, or an array of 1 to ${MOST_ORDERS}`,
    });
    return z.NEVER;
  }
  const orders: OrderInput[] = [];
  items.forEach((item, index) => {
    const parsed = orderInput.safeParse(item);
    if (parsed.success) orders.push(parsed.data);
    for (const issue of parsed.error?.issues ?? []) {
      context.addIssue({
        code: 'custom',
        message: burst ? `order ${index + 1}: ${issue.message}` : issue.message,
      });
    }
  });
  return orders;
});

export type OrderInput = z.infer<typeof orderInput>;

/** An order on the queue: the client's order with the id it was given when published. */
export interface Order extends OrderInput {
  readonly orderId: string;
}

/** An order handed to this consumer; settle it once with the broker's `ack` or `nack`. */
export interface OrderDelivery {
  /** The broker's id of this message. */
  readonly id: string;
  readonly order: Order;
  /** 1 on the first delivery, 2 on the first redelivery, and so on. */
  readonly deliveryCount: number;
  /** When this consumer got it (ms since the epoch: comparable across processes). */
  readonly deliveredAt: number;
}

/** What became of one delivery, as `GET /orders` and the demo show it. */
export interface SettledOrder {
  readonly orderId: string;
  readonly deliveryCount: number;
  readonly consumer: string;
  readonly deliveredAt: number;
  readonly settledAt: number;
  readonly outcome: 'acked' | 'requeued' | 'dead-lettered';
}

/** An order given up on, with why. */
export interface DeadOrder {
  readonly order: unknown;
  readonly deliveryCount: number;
  readonly reason: string;
}

/** The queue as the broker counts it, over every consumer. */
export interface QueueStats {
  readonly waiting: number;
  readonly unacked: number;
  readonly deadLettered: number;
}

/**
 * What the consumer needs of a broker: AMQP's push model (at most `prefetch`
 * unsettled, ack, nack with or without requeue, dead letters), whichever
 * broker is under it.
 */
export interface OrdersBroker {
  /** Says which broker this is, for the log and `GET /orders`. */
  readonly description: string;
  /** This process's name among the queue's consumers. */
  readonly consumerName: string;
  /** Fails, naming the setting, when the broker cannot be reached. */
  connect(): Promise<void>;
  publish(orders: readonly Order[]): Promise<void>;
  /** Starts pushing deliveries, at most `prefetch` unsettled at once. */
  consume(onDelivery: (delivery: OrderDelivery) => void, prefetch: number): void;
  /** Stops deliveries; resolves once no more can come. */
  cancel(): Promise<void>;
  ack(delivery: OrderDelivery): Promise<void>;
  nack(delivery: OrderDelivery, options: { requeue: boolean; reason: string }): Promise<void>;
  stats(): Promise<QueueStats>;
  /** The latest dead letters and settled deliveries, newest first. */
  deadLetters(count: number): Promise<DeadOrder[]>;
  recent(count: number): Promise<SettledOrder[]>;
  /** Lets go of the broker; call after `cancel` once every delivery is settled. */
  close(): Promise<void>;
}

export const ORDERS_BROKER = Symbol('OrdersBroker');
export const ORDERS_SETTINGS = Symbol('OrdersSettings');

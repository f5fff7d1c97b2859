import { setTimeout as wait } from 'node:timers/promises';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { OrdersSettings } from '../config/app-config.ts';
import { MetricsService } from '../metrics/metrics.service.ts';
import { ORDERS_BROKER, ORDERS_SETTINGS, type OrderDelivery, type OrdersBroker } from './order.ts';
import { OrderWork } from './order-work.ts';

/** Longest a shutdown waits for the orders in hand: their work (10 s at most), then their acks. */
const LONGEST_FINISH_MS = 15_000;

/** Whether this process consumes, or only publishes (`ORDERS_CONSUMER=separate`). */
export const CONSUMES = Symbol('Consumes');

/**
 * Exercise 09's lesson, on whichever broker is configured: at most
 * `CONSUMER_PREFETCH` orders in hand, handled at once, each acknowledged
 * after its work; a failing one given back until `MAX_DELIVERIES`, then
 * dead-lettered with its reason. On shutdown it takes nothing more, finishes
 * what it holds, and lets go of the broker.
 */
@Injectable()
export class OrdersConsumer
  implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private readonly logger = new Logger('Orders');
  private readonly inHand = new Set<Promise<void>>();
  readonly counts = { done: 0, requeued: 0, deadLettered: 0 };

  constructor(
    @Inject(ORDERS_BROKER) private readonly broker: OrdersBroker,
    @Inject(ORDERS_SETTINGS) private readonly settings: OrdersSettings,
    @Inject(CONSUMES) private readonly consumes: boolean,
    private readonly work: OrderWork,
    private readonly metrics: MetricsService,
  ) {}

  get handling(): number {
    return this.inHand.size;
  }

  onApplicationBootstrap(): void {
    if (!this.consumes) return;
    this.broker.consume((delivery) => {
      const handling = this.handle(delivery);
      this.inHand.add(handling);
      this.metrics.ordersInHand.set(this.inHand.size);
      void handling.finally(() => {
        this.inHand.delete(handling);
        this.metrics.ordersInHand.set(this.inHand.size);
      });
    }, this.settings.prefetch);
  }

  /** The first hook of a shutdown: take nothing more, then finish what is in hand. */
  async onModuleDestroy(): Promise<void> {
    await this.broker.cancel();
    const finished = Promise.all(this.inHand).then(() => true);
    // An order's work takes 10 s at most; longer, its ack waits for a broker that is away. Left
    // unacknowledged, it is not lost: the broker gives it to another consumer.
    if (!(await Promise.race([finished, wait(LONGEST_FINISH_MS, false, { ref: false })]))) {
      this.logger.warn(
        `${this.inHand.size} order(s) still in hand after ${LONGEST_FINISH_MS} ms: left unacknowledged, for another consumer`,
      );
    }
  }

  /** The last: the broker goes once nothing uses it. */
  async onApplicationShutdown(): Promise<void> {
    await this.broker.close();
  }

  private async handle(delivery: OrderDelivery): Promise<void> {
    try {
      await this.work.run(delivery.order);
    } catch (error) {
      await this.failed(delivery, error instanceof Error ? error.message : String(error));
      return;
    }
    await this.settle('done', () => this.broker.ack(delivery));
  }

  private async failed(delivery: OrderDelivery, reason: string): Promise<void> {
    if (delivery.deliveryCount < this.settings.maxDeliveries) {
      await this.settle('requeued', () => this.broker.nack(delivery, { requeue: true, reason }));
      return;
    }
    await this.settle('deadLettered', () =>
      this.broker.nack(delivery, {
        requeue: false,
        reason: `failed ${delivery.deliveryCount} times; last: ${reason}`,
      }),
    );
  }

  private async settle(outcome: keyof OrdersConsumer['counts'], send: () => Promise<void>) {
    try {
      await send();
      this.counts[outcome] += 1;
      this.metrics.ordersSettled.inc({ outcome });
    } catch (error) {
      // Not settled: the broker gives the order to a consumer again (a takeover on Redis).
      this.logger.error(`an order could not be settled: ${String(error)}`);
    }
  }
}

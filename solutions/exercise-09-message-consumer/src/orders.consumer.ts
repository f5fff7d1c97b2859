import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { brokerNamed, type Delivery, type Subscription } from '@kit/fake-broker';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { fulfil, type Order, SIGNING } from './fulfil.ts';
import { brokerName, maxDeliveries, prefetch, QUEUE } from './settings.ts';

const pbkdf2Async = promisify(pbkdf2);

/**
 * Takes the orders off the queue and fulfils them, next to the HTTP server:
 * at most prefetch() in hand, signed on libuv's thread pool, acknowledged
 * once shipped; a failing one redelivered, then dead-lettered with its reason.
 */
@Injectable()
export class OrdersConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly broker = brokerNamed(brokerName());
  private readonly prefetch = prefetch();
  private readonly maxDeliveries = maxDeliveries();
  private readonly inHand = new Set<Promise<void>>();
  private subscription: Subscription | undefined;

  onApplicationBootstrap(): void {
    this.subscription = this.broker.consume<Order>(
      QUEUE,
      (delivery) => {
        const handling = this.handle(delivery);
        this.inHand.add(handling);
        void handling.finally(() => this.inHand.delete(handling));
      },
      { prefetch: this.prefetch },
    );
  }

  /** The first hook of a shutdown: take nothing more, finish what is in hand, then let go. */
  async onModuleDestroy(): Promise<void> {
    this.subscription?.cancel();
    await Promise.all(this.inHand);
    this.subscription?.close();
  }

  private async handle(delivery: Delivery<Order>): Promise<void> {
    try {
      const key = await pbkdf2Async(
        delivery.body.orderId,
        SIGNING.salt,
        SIGNING.iterations,
        SIGNING.keylen,
        SIGNING.digest,
      );
      await fulfil(delivery, key.toString('hex'));
      this.broker.ack(delivery);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (delivery.deliveryCount < this.maxDeliveries) {
        this.broker.nack(delivery, { requeue: true, reason });
      } else {
        this.broker.nack(delivery, {
          requeue: false,
          reason: `failed ${delivery.deliveryCount} times; last: ${reason}`,
        });
      }
    }
  }
}

import { pbkdf2Sync } from 'node:crypto';
import { brokerNamed, type Delivery } from '@kit/fake-broker';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { fulfil, type Order, SIGNING } from './fulfil.ts';
import { brokerName, QUEUE } from './settings.ts';

/** Takes the orders off the queue and fulfils them, next to the HTTP server. */
@Injectable()
export class OrdersConsumer implements OnApplicationBootstrap {
  private readonly broker = brokerNamed(brokerName());

  onApplicationBootstrap(): void {
    // TODO (hint 2): prefetch 0 takes every message in the queue at once. Hold at most prefetch().
    this.broker.consume<Order>(QUEUE, (delivery) => this.handle(delivery), { prefetch: 0 });
  }

  // TODO (hint 5): on shutdown, stop taking messages, and finish (or leave unacknowledged) the ones in hand.

  private handle(delivery: Delivery<Order>): void {
    // TODO (hint 3): acknowledged before the work is done: if the process stops now, the order is lost.
    this.broker.ack(delivery);
    // TODO (hint 1): pbkdf2Sync signs on the event loop: nothing else runs meanwhile, /health included.
    const signature = pbkdf2Sync(
      delivery.body.orderId,
      SIGNING.salt,
      SIGNING.iterations,
      SIGNING.keylen,
      SIGNING.digest,
    ).toString('hex');
    // TODO (hint 4): a failure vanishes here. Redeliver a failing message up to maxDeliveries(), then dead-letter it with its reason.
    fulfil(delivery, signature).catch(() => undefined);
  }
}

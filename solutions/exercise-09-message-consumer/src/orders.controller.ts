// Provided by the exercise: leave this file as it is.

import { brokerNamed } from '@kit/fake-broker';
import { BadRequestException, Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { UNKNOWN_SKU } from './fulfil.ts';
import { brokerName, QUEUE } from './settings.ts';

@Controller()
export class OrdersController {
  private readonly broker = brokerNamed(brokerName());

  /** `POST /orders` with `{ count, poison? }` → publishes that many orders (and one that always fails). */
  @Post('orders')
  @HttpCode(202)
  publish(@Body() body: { count?: unknown; poison?: unknown } | undefined) {
    const count = body?.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1_000) {
      throw new BadRequestException(
        'Send { "count": N } with N from 1 to 1000, and "poison": true for one order that fails.',
      );
    }
    for (let index = 1; index <= count; index += 1) {
      this.broker.publish(QUEUE, { orderId: `order-${index}`, sku: 'MUG-1', quantity: 1 });
    }
    if (body?.poison === true) {
      this.broker.publish(QUEUE, { orderId: 'order-poison', sku: UNKNOWN_SKU, quantity: 1 });
    }
    return this.broker.stats(QUEUE);
  }

  /** `GET /orders/queue` → messages waiting, unsettled and dead-lettered, and the dead letters. */
  @Get('orders/queue')
  queue() {
    return { ...this.broker.stats(QUEUE), deadLetters: this.broker.deadLetters(QUEUE) };
  }

  /** `GET /health` → `{ status: 'ok' }`. */
  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

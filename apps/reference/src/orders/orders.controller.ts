import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { OrdersSettings } from '../config/app-config.ts';
import { Input, wholeNumber } from '../validation/input.ts';
import { ValidInput } from '../validation/valid-input.decorator.ts';
import {
  ORDERS_BROKER,
  ORDERS_SETTINGS,
  type OrderInput,
  type OrdersBroker,
  ordersBody,
} from './order.ts';
import { OrdersConsumer } from './orders.consumer.ts';

/** `?recent=`: how many of the latest settled deliveries `GET /orders` lists (the dead letters: 20 at most). */
const LISTED = { query: z.object({ recent: wholeNumber('recent', 0, 1_000).default(20) }) };

@ApiTags('orders (a message consumer)')
@Controller('orders')
export class OrdersController {
  constructor(
    @Inject(ORDERS_BROKER) private readonly broker: OrdersBroker,
    @Inject(ORDERS_SETTINGS) private readonly settings: OrdersSettings,
    private readonly consumer: OrdersConsumer,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Publishes one order `{ sku, quantity, workMs? }` or an array of up to 1000; SKU POISON always fails.',
  })
  @ApiBody({
    description: 'One order, or an array of 1 to 1000 (workMs: 0 to 10000, 20 by default).',
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          sku: { type: 'string', example: 'MUG-1' },
          quantity: { type: 'integer', minimum: 1, maximum: 1000, example: 1 },
          workMs: { type: 'integer', minimum: 0, maximum: 10_000, example: 20 },
        },
        required: ['sku', 'quantity'],
      },
    },
  })
  @Input({ body: ordersBody })
  async publish(@ValidInput() { body }: { body: OrderInput[] }) {
    const orders = body.map((order) => ({ orderId: randomUUID(), ...order }));
    await this.broker.publish(orders);
    return { published: orders.length, orderIds: orders.map((order) => order.orderId) };
  }

  @Get()
  @Input(LISTED)
  @ApiOperation({
    summary:
      'The consumer: its broker, orders in hand, done and dead-lettered; the queue; the latest dead letters and settled orders.',
  })
  async state(@ValidInput() { query }: { query: { recent: number } }) {
    const [queue, deadLetters, recent] = await Promise.all([
      this.broker.stats(),
      this.broker.deadLetters(20),
      this.broker.recent(query.recent),
    ]);
    return {
      broker: this.broker.description,
      consumer: this.settings.consumer,
      prefetch: this.settings.prefetch,
      maxDeliveries: this.settings.maxDeliveries,
      workOn: this.settings.workOn,
      inHand: this.consumer.handling,
      ...this.consumer.counts,
      queue,
      deadLetters,
      recent,
    };
  }
}

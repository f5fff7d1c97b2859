import { Inject, Injectable } from '@nestjs/common';
import type { OrdersSettings } from '../config/app-config.ts';
import { OffloadService } from '../offload/offload.service.ts';
import { block } from '../offload/tasks.mjs';
import { ORDERS_SETTINGS, type Order, UNKNOWN_SKU } from './order.ts';

/**
 * The work an order asks for: `workMs` of CPU (pricing, signing, a PDF), on
 * the app's worker threads, or on the event loop when `ORDERS_WORK_ON=loop`
 * (the anti-pattern the demo shows); then a warehouse that refuses an
 * unknown SKU.
 */
@Injectable()
export class OrderWork {
  constructor(
    @Inject(ORDERS_SETTINGS) private readonly settings: OrdersSettings,
    private readonly offload: OffloadService,
  ) {}

  async run(order: Order): Promise<void> {
    if (this.settings.workOn === 'loop') block({ ms: order.workMs });
    else if (order.workMs > 0) await this.offload.block(order.workMs);
    if (order.sku === UNKNOWN_SKU) {
      throw new Error(`the warehouse does not know SKU ${order.sku} (order ${order.orderId})`);
    }
  }
}

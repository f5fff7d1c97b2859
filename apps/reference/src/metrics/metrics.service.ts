import { Injectable } from '@nestjs/common';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this app: Node's defaults (event-loop lag among
 * them), requests in flight and request durations, orders in hand and settled.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests being handled right now.',
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request durations, by route and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10],
    registers: [this.registry],
  });

  readonly ordersInHand = new Gauge({
    name: 'orders_in_hand',
    help: 'Orders this process holds: delivered, not yet settled.',
    registers: [this.registry],
  });
  readonly ordersSettled = new Counter({
    name: 'orders_settled_total',
    help: 'Orders this process settled, by outcome: done (acked), requeued, deadLettered.',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor() {
    // Event-loop lag is sampled with monitorEventLoopDelay at this resolution.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }
}

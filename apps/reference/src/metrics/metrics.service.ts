import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this app: Node's defaults (event-loop lag among
 * them), requests in flight and request durations.
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

  constructor() {
    // Event-loop lag is sampled with monitorEventLoopDelay at this resolution.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }
}

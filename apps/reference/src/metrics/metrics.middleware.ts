import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service.ts';

/** Counts every request in flight, and times it when the response closes. */
@Injectable()
export class MetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    this.metrics.inFlight.inc();
    const stopTimer = this.metrics.duration.startTimer({ method: req.method });
    res.once('close', () => {
      this.metrics.inFlight.dec();
      stopTimer({ route: req.route?.path ?? 'unmatched', status: String(res.statusCode) });
    });
    next();
  }
}

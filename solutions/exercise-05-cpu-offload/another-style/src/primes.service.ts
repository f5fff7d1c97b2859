// Exercise 05, solved another way: a pool of worker threads made by hand
// (node:worker_threads, a queue of its own) instead of piscina. It replaces
// the solution's service and must score what it scores.
import { Worker } from 'node:worker_threads';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PoolFullError } from './pool-full.error.ts';
import { poolSize, queueSize } from './settings.ts';

type Answer = { below: number; count: number };

interface Task {
  readonly below: number;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (answer: Answer) => void;
  readonly reject: (reason: unknown) => void;
}

@Injectable()
export class PrimesService implements OnModuleDestroy {
  private readonly size = poolSize();
  private readonly limit = queueSize();
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Task[] = [];
  private running = 0;

  constructor() {
    for (let n = 0; n < this.size; n += 1) this.idle.push(this.startThread());
  }

  private startThread(): Worker {
    const worker = new Worker(new URL('./count.worker.mjs', import.meta.url));
    this.all.push(worker);
    return worker;
  }

  count(below: number, signal?: AbortSignal): Promise<Answer> {
    this.admit(1);
    return this.enqueue(below, signal);
  }

  async countAll(belows: number[], signal?: AbortSignal): Promise<Answer[]> {
    this.admit(belows.length);
    const batch = new AbortController();
    const stop = () => batch.abort(signal?.reason);
    signal?.addEventListener('abort', stop, { once: true });
    try {
      return await Promise.all(belows.map((below) => this.enqueue(below, batch.signal)));
    } catch (error) {
      batch.abort(error);
      throw error;
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const task of this.queue.splice(0)) task.reject(new Error('the app is closing'));
    await Promise.all(this.all.map((worker) => worker.terminate()));
  }

  /** Refuses, before anything is queued, what the free threads and the free places cannot hold. */
  private admit(count: number): void {
    if (this.running + this.queue.length + count > this.size + this.limit) {
      throw new PoolFullError();
    }
  }

  private enqueue(below: number, signal: AbortSignal | undefined): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const task: Task = { below, signal, resolve, reject };
      this.queue.push(task);
      signal?.addEventListener(
        'abort',
        () => {
          const place = this.queue.indexOf(task);
          if (place === -1) return; // already running: it finishes, and nobody reads it
          this.queue.splice(place, 1);
          reject(signal.reason);
        },
        { once: true },
      );
      this.next();
    });
  }

  /** Hands the oldest waiting task to an idle thread, if there are both. */
  private next(): void {
    const worker = this.idle.pop();
    if (!worker) return;
    const task = this.queue.shift();
    if (!task) {
      this.idle.push(worker);
      return;
    }
    this.running += 1;
    const done = (thread: Worker) => {
      worker.off('message', answered);
      worker.off('error', failed);
      this.running -= 1;
      this.idle.push(thread);
      this.next();
    };
    const answered = (answer: Answer) => {
      done(worker);
      task.resolve(answer);
    };
    // A thread that failed is gone: a new one takes its place.
    const failed = (error: Error) => {
      this.all.splice(this.all.indexOf(worker), 1);
      done(this.startThread());
      task.reject(error);
    };
    worker.on('message', answered);
    worker.on('error', failed);
    worker.postMessage({ below: task.below });
  }
}

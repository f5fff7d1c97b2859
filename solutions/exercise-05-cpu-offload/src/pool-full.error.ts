// Provided by the exercise: leave this file as it is.

/**
 * Thrown by PrimesService when its queue is full: the controller answers
 * 503 with `Retry-After` at once, instead of making the client wait.
 */
export class PoolFullError extends Error {
  override readonly name = 'PoolFullError';

  constructor() {
    super('Every worker thread is busy and the queue is full: try again in a moment.');
  }
}

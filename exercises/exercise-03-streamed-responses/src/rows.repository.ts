// Provided: the slow data source. You do not need to change this file (the
// grader replaces it with a copy that counts the rows it produces).
import { setImmediate, setTimeout } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';

export interface Row {
  id: number;
  name: string;
  value: number;
}

export interface RowsQuery {
  /** How many rows the query yields. */
  count: number;
  /** How long each row takes to come out of the database. */
  delayMs: number;
}

/** A simulated database whose queries yield one row every `delayMs`. */
@Injectable()
export class RowsRepository {
  async *query({ count, delayMs }: RowsQuery): AsyncGenerator<Row, void, undefined> {
    for (let id = 1; id <= count; id += 1) {
      // Even without a delay, let the event loop breathe between rows.
      await (delayMs > 0 ? setTimeout(delayMs) : setImmediate());
      yield { id, name: `row ${id}`, value: (id * 7919) % 1000 };
    }
  }
}

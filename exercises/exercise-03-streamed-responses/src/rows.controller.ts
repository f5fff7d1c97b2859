import { Controller, Get, Query } from '@nestjs/common';
import { type Row, RowsRepository } from './rows.repository.ts';
import { parseRowsQuery } from './rows-query.ts';

// Exercise 03: streamed responses. The lesson is in ../README.md.
//
// Both routes work: they collect every row, then answer one JSON array, so
// nothing reaches the client until the last row is out of the database.
// Stream them instead. Grade your work with `pnpm test 03`.

@Controller('rows')
export class RowsController {
  constructor(private readonly rows: RowsRepository) {}

  /** `GET /rows?count=N&delayMs=D`: NDJSON, one row per line, each sent as soon as it is produced. */
  @Get()
  async ndjson(@Query() query: Record<string, unknown>): Promise<Row[]> {
    // TODO: stream `application/x-ndjson` instead of collecting (hints 1 and 2).
    return this.collect(parseRowsQuery(query));
  }

  /** `GET /rows/events?count=N&delayMs=D`: Server-Sent Events, one per row, then `event: end`. */
  @Get('events')
  async events(@Query() query: Record<string, unknown>): Promise<Row[]> {
    // TODO: stream `text/event-stream` events instead of collecting (hints 3 and 4).
    return this.collect(parseRowsQuery(query));
  }

  // TODO (hint 5): whatever the format, stop producing when the client goes away, and wait while it
  // does not read.
  private async collect(query: { count: number; delayMs: number }): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const row of this.rows.query(query)) {
      rows.push(row);
    }
    return rows;
  }
}

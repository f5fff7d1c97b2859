import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
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
  ndjson(@Query() query: Record<string, unknown>): StreamableFile {
    return stream(toNdjson(this.rows.query(parseRowsQuery(query))), 'application/x-ndjson');
  }

  /** `GET /rows/events?count=N&delayMs=D`: Server-Sent Events, one per row, then `event: end`. */
  @Get('events')
  events(@Query() query: Record<string, unknown>): StreamableFile {
    return stream(toServerSentEvents(this.rows.query(parseRowsQuery(query))), 'text/event-stream');
  }
}

/**
 * Readable.from pulls the next line only when the response can take it
 * (backpressure), and Nest destroys it when the client goes away, which
 * closes the generators and so the database query.
 */
function stream(lines: AsyncIterable<string>, type: string): StreamableFile {
  return new StreamableFile(Readable.from(lines), { type });
}

async function* toNdjson(rows: AsyncIterable<Row>): AsyncGenerator<string> {
  for await (const row of rows) yield `${JSON.stringify(row)}\n`;
}

async function* toServerSentEvents(rows: AsyncIterable<Row>): AsyncGenerator<string> {
  for await (const row of rows) yield `id: ${row.id}\ndata: ${JSON.stringify(row)}\n\n`;
  yield 'event: end\ndata: {}\n\n';
}

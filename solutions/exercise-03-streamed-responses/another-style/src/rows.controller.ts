// Exercise 03, solved another way: the response written by hand, with
// res.write, 'drain' and 'close', instead of a Readable handed to Nest. It
// replaces the solution's controller and must score what it scores.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { type Row, RowsRepository } from './rows.repository.ts';
import { parseRowsQuery } from './rows-query.ts';

@Controller('rows')
export class RowsController {
  constructor(private readonly rows: RowsRepository) {}

  @Get()
  async ndjson(@Query() query: Record<string, unknown>, @Res() res: ServerResponse): Promise<void> {
    const rows = this.rows.query(parseRowsQuery(query));
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    await writeEach(res, rows, (row) => `${JSON.stringify(row)}\n`);
  }

  @Get('events')
  async events(@Query() query: Record<string, unknown>, @Res() res: ServerResponse): Promise<void> {
    const rows = this.rows.query(parseRowsQuery(query));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const finished = await writeEach(
      res,
      rows,
      (row) => `id: ${row.id}\ndata: ${JSON.stringify(row)}\n\n`,
    );
    if (finished) res.end('event: end\ndata: {}\n\n');
  }
}

/**
 * Writes one chunk per row, waiting for 'drain' whenever the socket is full,
 * and stops the query the moment the client goes away, even mid-wait. Ends
 * an NDJSON response itself; says whether every row went out.
 */
async function writeEach(
  res: ServerResponse,
  rows: AsyncGenerator<Row>,
  format: (row: Row) => string,
): Promise<boolean> {
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  try {
    for await (const row of rows) {
      if (gone.signal.aborted) return false;
      if (!res.write(format(row))) {
        await once(res, 'drain', { signal: gone.signal }).catch(() => undefined);
        if (gone.signal.aborted) return false;
      }
    }
    if (res.getHeader('content-type') === 'application/x-ndjson') res.end();
    return true;
  } finally {
    // Leaving the loop early (return) closes the generator, and so the query.
    await rows.return(undefined);
  }
}

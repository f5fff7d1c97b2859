import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sleep } from '../src/sleep.ts';
import { parseSseEvent, recordStream, stallThenLeave, stallThenReadAll } from '../src/streams.ts';

let server: Server;
let baseUrl: string;
let writes = 0;

beforeAll(async () => {
  server = createServer(async (req, res) => {
    if (req.url === '/lines') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (let i = 1; i <= 3; i += 1) {
        res.write(`{"n":${i}}\n`);
        await sleep(100);
      }
      res.end();
    } else if (req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': comment\n\nid: 1\ndata: {"n":1}\n\n');
      await sleep(50);
      res.write('event: ignored\n\nid: 2\r\ndata: {"n":2}\r\n\r\n');
      res.end('event: end\ndata: {}\n\n');
    } else if (req.url === '/cut') {
      res.writeHead(200);
      res.write('x'.repeat(64 * 1024));
      setTimeout(() => res.destroy(), 50);
    } else if (req.url === '/forever') {
      res.writeHead(200);
      res.write('started');
    } else {
      res.writeHead(200);
      // Writes as fast as the client takes it, waiting for 'drain' as a server should.
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 1024 && !res.destroyed; i += 1) {
        writes += 1;
        if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

test('records each NDJSON line with the time it arrived', async () => {
  const recording = await recordStream(`${baseUrl}/lines`);
  expect(recording.contentType).toBe('application/x-ndjson');
  expect(recording.lines.map((line) => line.value)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
  const [first, , third] = recording.lines.map((line) => line.at);
  expect((third ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(150);
});

test('records SSE events as EventSource would: comments and events without data dispatch nothing, CRLF ends a line', async () => {
  const recording = await recordStream(`${baseUrl}/events`);
  expect(recording.events.map((event) => event.value)).toEqual([
    { id: '1', event: 'message', data: '{"n":1}' },
    { id: '2', event: 'message', data: '{"n":2}' },
    { event: 'end', data: '{}' },
  ]);
});

test('stops reading and aborts when asked', async () => {
  const recording = await recordStream(`${baseUrl}/lines`, {
    stopWhen: ({ lines }) => lines.length >= 1,
  });
  expect(recording.aborted).toBe(true);
  expect(recording.lines).toHaveLength(1);
});

test('parses multi-line data and ignores unknown fields', () => {
  expect(parseSseEvent('event: row\ndata: a\ndata: b\nretry: 10')).toEqual({
    event: 'row',
    data: 'a\nb',
  });
  expect(parseSseEvent(': only a comment')).toBeUndefined();
  expect(parseSseEvent('event: end')).toBeUndefined();
});

test('a client that stalls then leaves closes its connection while the server waits for drain', async () => {
  let closed = false;
  const writesBefore = writes;
  server.once('request', (_req, res) => res.once('close', () => (closed = true)));
  await stallThenLeave(`${baseUrl}/flood`, 200);
  await sleep(100);
  expect(closed).toBe(true);
  expect(writes - writesBefore).toBeLessThan(512);
});

test('a stalled client lets the buffers fill, holds the server back, then reads everything', async () => {
  let writesWhileStalled = 0;
  const reading = await stallThenReadAll(`${baseUrl}/flood`, 300, () => {
    writesWhileStalled = writes;
  });
  // Socket and client buffers hold a few MB at most: far from the 64 MB the server has.
  expect(writesWhileStalled).toBeGreaterThan(0);
  expect(writesWhileStalled * 64 * 1024).toBeLessThan(32 * 1024 * 1024);
  expect(reading.ended).toBe(true);
  expect(reading.text.length).toBe(1024 * 64 * 1024);
});

test('a server that drops a stalled client is a cut-off reading, not an error', async () => {
  const reading = await stallThenReadAll(`${baseUrl}/cut`, 200, () => {});
  expect(reading).toMatchObject({ ended: false, cutOff: true });
});

test('a body that never ends is given up at the time limit and says so', async () => {
  const reading = await stallThenReadAll(`${baseUrl}/forever`, 10, () => {}, { timeoutMs: 300 });
  expect(reading).toMatchObject({ ended: false, idle: false, text: 'started' });
});

test('a body that stops coming is given up once idle, long before the time limit', async () => {
  const started = performance.now();
  const reading = await stallThenReadAll(`${baseUrl}/forever`, 10, () => {}, {
    idleMs: 200,
    timeoutMs: 10_000,
  });
  expect(reading).toMatchObject({ ended: false, idle: true, text: 'started' });
  expect(performance.now() - started).toBeLessThan(2_000);
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { useUpstreamServer } from '../src/upstream.ts';

useUpstreamServer(
  http.get('https://api.example.test/ping', () => HttpResponse.json({ pong: true })),
);
let local: Server;
let localUrl: string;

beforeAll(async () => {
  local = createServer((_, res) => res.end('from loopback'));
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
  localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => local.close(resolve));
});

test('mocked upstream hosts are answered by their handlers', async () => {
  const response = await fetch('https://api.example.test/ping');
  expect(await response.json()).toEqual({ pong: true });
});

test('requests to loopback pass through to the real local server', async () => {
  const response = await fetch(localUrl);
  expect(await response.text()).toBe('from loopback');
});

test('a request to any other host fails instead of reaching the network', async () => {
  await expect(fetch('https://unmocked.example.test/')).rejects.toThrow();
});

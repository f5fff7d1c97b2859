import { check, expectEqual, kitFetch } from '@kit/grading';
import { primesApp } from './primes-app.ts';

check(
  'GET /primes and POST /primes/batch count right, and bad input is a 400 that says why',
  { points: 2, hint: 1 },
  async () => {
    const baseUrl = await primesApp();
    const counts: Record<number, number> = { 0: 0, 1: 0, 2: 0, 3: 1, 10: 4, 100000: 9_592 };
    for (const [below, count] of Object.entries(counts)) {
      const answer = await kitFetch(`${baseUrl}/primes?below=${below}`);
      expectEqual(
        `GET /primes?below=${below}`,
        await answer.json(),
        { below: Number(below), count },
        {
          meaning: 'The count comes from the provided countPrimes; hand its answer back unchanged.',
          hint: 1,
        },
      );
    }
    const batch = await kitFetch(`${baseUrl}/primes/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ below: [10, 100, 0] }),
    });
    expectEqual(
      'POST /primes/batch { below: [10, 100, 0] }',
      await batch.json(),
      [
        { below: 10, count: 4 },
        { below: 100, count: 25 },
        { below: 0, count: 0 },
      ],
      { meaning: 'One answer per item, in the order of the items.', hint: 2 },
    );
    const bad: Array<[string, RequestInit | undefined]> = [
      ['/primes?below=-1', undefined],
      ['/primes?below=abc', undefined],
      ['/primes?below=5000001', undefined],
      ['/primes', undefined],
      [
        '/primes/batch',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"below":"x"}' },
      ],
      [
        '/primes/batch',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"below":[1,"a"]}',
        },
      ],
    ];
    for (const [path, init] of bad) {
      const answer = await kitFetch(`${baseUrl}${path}`, init);
      const body = (await answer.json().catch(() => ({}))) as { message?: unknown };
      expectEqual(
        `${init?.method ?? 'GET'} ${path} ${init?.body ?? ''}`.trim(),
        {
          status: answer.status,
          saysWhy: typeof body.message === 'string' && body.message.length > 0,
        },
        { status: 400, saysWhy: true },
        {
          meaning:
            'The controller refuses bad input with a 400 and a message: keep it in front of the pool.',
          hint: 1,
        },
      );
    }
  },
);

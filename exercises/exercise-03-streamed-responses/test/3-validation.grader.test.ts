import { check, expectEqual, expectThat, kitFetch } from '@kit/grading';
import { streamingApp } from './streaming-app.ts';

const BAD_QUERIES = [
  ['count=0', 'count'],
  ['count=100001&delayMs=0', 'count'],
  ['count=ten', 'count'],
  ['count=5&delayMs=-5', 'delayMs'],
  ['count=5&delayMs=5001', 'delayMs'],
] as const;

/** The status and, for an error, its message; a stream that starts is aborted at once. */
async function statusAndMessage(url: string): Promise<{ status: number; message: string }> {
  const controller = new AbortController();
  try {
    const response = await kitFetch(url, { signal: controller.signal });
    if (response.status !== 400) return { status: response.status, message: '' };
    const body = (await response.json()) as { message?: unknown };
    return { status: response.status, message: String(body.message) };
  } finally {
    controller.abort();
  }
}

check(
  'a count or delayMs out of range is a 400 that names the parameter',
  { points: 2, hint: 1 },
  async () => {
    const { baseUrl } = await streamingApp();
    for (const path of ['/rows', '/rows/events']) {
      for (const [query, parameter] of BAD_QUERIES) {
        const { status, message } = await statusAndMessage(`${baseUrl}${path}?${query}`);
        expectEqual(`status of GET ${path}?${query}`, status, 400, {
          meaning:
            'count must be 1..100000 and delayMs 0..5000: anything else is the client’s mistake, answered before any streaming starts.',
          hint: 1,
        });
        expectThat(message.includes(parameter), {
          measured: `message: ${JSON.stringify(message)}`,
          expected: `a message that names ${parameter}`,
          meaning: 'The 400 says which parameter is wrong and what is allowed.',
          hint: 1,
        });
      }
    }
  },
);

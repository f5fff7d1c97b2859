import { type InFlightTracker, sleep } from '@kit/measure';
import type { FakeRoute } from './route.ts';
import { trackedAnswer } from './tracked-answer.ts';

/** Where the fake data API answers. */
export const FAKE_DATA_API = { baseUrl: 'https://api.data.test' } as const;

export interface FakeDataOptions {
  /** How long every answer takes. */
  readonly delayMs: number;
  readonly tracker?: InFlightTracker;
  readonly baseUrl?: string;
}

/**
 * A slow JSON API: `GET {baseUrl}/items/:id` answers `{ id, value }` after
 * `delayMs`, the tutorials' "call to an external API".
 *
 * @example
 * upstream.use(asMswHandler(dataRoute({ delayMs: 1000 })));
 * await fetch(`${FAKE_DATA_API.baseUrl}/items/42`); // { id: '42', value: … } after 1 s
 */
export function dataRoute(options: FakeDataOptions): FakeRoute {
  return {
    method: 'GET',
    baseUrl: options.baseUrl ?? FAKE_DATA_API.baseUrl,
    path: '/items/:id',
    answer: (request, params) => {
      const id = params.id ?? '';
      return trackedAnswer(options.tracker, `GET /items/${id}`, request, async () => {
        await sleep(options.delayMs, request.signal);
        return Response.json({
          id,
          value: [...id].reduce((sum, char) => sum + char.charCodeAt(0), 0),
        });
      });
    },
  };
}

import { InFlightTracker, sleep } from '@kit/grading';
import { HttpResponse, http } from 'msw';

/** Where the fake data API answers. */
export const FAKE_DATA_API = { baseUrl: 'https://api.data.test' } as const;

export interface FakeDataOptions {
  /** How long every answer takes. */
  readonly delayMs: number;
  readonly tracker?: InFlightTracker;
  readonly baseUrl?: string;
}

/**
 * An MSW handler for a slow JSON API: `GET {baseUrl}/items/:id` answers
 * `{ id, value }` after `delayMs`, the tutorials' "call to an external API".
 *
 * @example
 * upstream.use(fakeDataApi({ delayMs: 1000 }));
 * await fetch(`${FAKE_DATA_API.baseUrl}/items/42`); // { id: '42', value: … } after 1 s
 */
export function fakeDataApi(options: FakeDataOptions) {
  const tracker = options.tracker ?? new InFlightTracker();
  return http.get(
    `${options.baseUrl ?? FAKE_DATA_API.baseUrl}/items/:id`,
    ({ params, request }) => {
      const id = String(params.id);
      return tracker
        .track(`GET /items/${id}`, async () => {
          await sleep(options.delayMs, request.signal);
          return HttpResponse.json({
            id,
            value: [...id].reduce((sum, char) => sum + char.charCodeAt(0), 0),
          });
        })
        .catch((error: unknown) => {
          if (request.signal.aborted) return HttpResponse.error();
          throw error;
        });
    },
  );
}

import type { InFlightTracker } from '@kit/grading';
import { HttpResponse } from 'msw';

/**
 * Answers a fake upstream request as one tracked call. When the caller gives
 * up (a timeout, an abort), the call's span ends as rejected and the request
 * gets a network error nobody reads, instead of MSW logging an exception.
 */
export function trackedAnswer(
  tracker: InFlightTracker | undefined,
  label: string,
  request: Request,
  answer: () => Promise<Response>,
): Promise<Response> {
  return (tracker ? tracker.track(label, answer) : answer()).catch((error: unknown) => {
    if (request.signal.aborted) return HttpResponse.error();
    throw error;
  });
}

import type { InFlightTracker } from '@kit/measure';

/**
 * Answers a fake upstream request as one tracked call. When the caller gives
 * up (a timeout, an abort), the call's span ends as rejected and the request
 * gets a network error nobody reads, instead of an exception being logged.
 */
export function trackedAnswer(
  tracker: InFlightTracker | undefined,
  label: string,
  request: Request,
  answer: () => Promise<Response>,
): Promise<Response> {
  return (tracker ? tracker.track(label, answer) : answer()).catch((error: unknown) => {
    if (request.signal.aborted) return Response.error();
    throw error;
  });
}

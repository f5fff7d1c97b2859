import { check, expectFigure, expectThat, type Span } from '@kit/grading';
import { inject } from 'vitest';

check(
  'run as a process, the app exits 0 on SIGTERM, its request in flight answered',
  { points: 3, hint: 4 },
  () => {
    const run = inject('sigterm');
    expectThat(run.notStarted === undefined, {
      measured: `src/main.ts, run as a process, did not start: ${run.notStarted}; stderr: ${run.stderr.trim().slice(-300) || '(nothing)'}`,
      expected: 'the app listening, and printing its "Listening on" line',
      meaning:
        'The grader runs src/main.ts as `pnpm serve 08` does. Keep the line that prints the port.',
      hint: 4,
    });
    expectThat(run.requestStatus === 200, {
      measured: `GET /report?ms=1000, sent 200 ms before SIGTERM: ${run.requestStatus} ${run.requestBody ?? ''}`,
      expected: '200',
      meaning:
        'A deploy sends SIGTERM to the old process while it still serves requests. Those must finish: close the dependencies only once the server has stopped (onApplicationShutdown).',
      hint: 3,
    });
    expectThat(run.exitCode === 0, {
      measured:
        run.exitMs === undefined
          ? 'the process had not exited 8 s after SIGTERM'
          : `the process ended ${run.exitMs} ms after SIGTERM with ${run.exitSignal ? `the signal ${run.exitSignal}` : `exit code ${run.exitCode}`}`,
      expected: 'exit code 0, once the request was answered',
      meaning:
        'enableShutdownHooks() closes the app on SIGTERM and then kills the process with that same signal: an orchestrator sees a process killed, not one that stopped cleanly. Nest 12 can exit 0 instead.',
      hint: 4,
    });
    const lingered = (run.exitMs ?? 0) - (run.answeredMs ?? 0);
    expectFigure({
      label: `the process exited after its last answer (answered ${run.answeredMs} ms after SIGTERM, exited at ${run.exitMs} ms)`,
      measured: lingered,
      unit: 'ms',
      atMost: LINGER_MS,
      meaning:
        "Once its last request is answered and its dependencies closed, the process has nothing left to wait for: app.close() returns and useProcessExit exits. A process that waits longer is sleeping a fixed grace period, or kept alive by something it never closed. (The grader's client closes its connection with its answer: a keep-alive client would hold app.close() until it let go.)",
      hint: 4,
      timeline: shutdownSpans(run.answeredMs ?? 0, run.exitMs ?? 0),
    });
  },
);

/** A correct app exits within tens of milliseconds of its answer; two seconds leave a busy machine room. */
const LINGER_MS = 2_000;

/** The request and the shutdown on one axis, from the request's start (200 ms before SIGTERM). */
function shutdownSpans(answeredMs: number, exitMs: number): Span[] {
  const signalAt = 200;
  return [
    { label: 'GET /report?ms=1000', start: 0, end: signalAt + answeredMs, outcome: 'fulfilled' },
    { label: 'SIGTERM → exit', start: signalAt, end: signalAt + exitMs, outcome: 'fulfilled' },
  ];
}

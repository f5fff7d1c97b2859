import { check, expectThat } from '@kit/grading';
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
  },
);

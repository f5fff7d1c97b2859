import { tmpdir } from 'node:os';
import { expect, test } from 'vitest';
import { kitFailureIn } from '../src/kit-failure.ts';
import { probeSandbox, sandboxPreflight } from '../src/preflight.ts';
import { renderReport } from '../src/report.ts';
import { sandboxFlags } from '../src/sandbox.ts';

test('this Node grants the sandboxed grader everything it needs', async () => {
  expect(await sandboxPreflight(tmpdir())).toBeUndefined();
});

test('a sandbox that refuses a need of the graders is the kit failing, on this Node', async () => {
  const withoutWorkers = (dir: string) =>
    sandboxFlags(dir).filter((flag) => flag !== '--allow-worker');
  const failure = await probeSandbox(tmpdir(), withoutWorkers);
  expect(failure?.node).toBe(process.version);
  expect(failure?.reason).toMatch(
    /could not start a worker thread: Access to this API has been restricted/,
  );
});

test('a flag this Node does not know is the kit failing, and the report says which flags', async () => {
  const failure = await probeSandbox(tmpdir(), () => ['--allow-everything-please']);
  expect(failure?.reason).toMatch(/refused the sandbox \(--allow-everything-please\): exit code 9/);
});

test('only refusals the sandbox does not mean are the kit failing', () => {
  const refused = (permission: string) => ({
    code: 'ERR_ACCESS_DENIED',
    permission,
    message: `Access to this API has been restricted.`,
  });
  expect(kitFailureIn(refused('Net'))?.reason).toMatch(/refused the grader "Net"/);
  expect(kitFailureIn(refused('WorkerThreads'))).toBeDefined();
  // Graded code that writes outside its folder or starts a process is refused on purpose.
  expect(kitFailureIn(refused('FileSystemWrite'))).toBeUndefined();
  expect(kitFailureIn(refused('ChildProcess'))).toBeUndefined();
  expect(kitFailureIn({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toBeUndefined();
});

test('the report of a run the kit could not grade blames the kit, names the Node and marks no check failed', () => {
  const report = renderReport(
    {
      exercise: 'exercise-02-concurrent-fetch',
      source: 'src',
      checks: [
        {
          name: 'fetchAll requests every URL at once',
          file: 'f',
          points: 3,
          state: 'failed',
          figures: [],
        },
      ],
      errors: ['An error escaped every check: Access to this API has been restricted.'],
      kitFailure: { node: 'v26.12.1', reason: 'a sandboxed process could not listen on loopback' },
      durationMs: 10,
    },
    { kitFailureAdvice: 'What to do: update the kit.' },
  );
  expect(report).toContain('Not graded: the kit failed on Node v26.12.1');
  expect(report).toContain('could not listen on loopback');
  expect(report).toContain('What to do: update the kit.');
  expect(report).toContain('0 passed, 0 failed, 1 not graded');
  expect(report).not.toContain('✗');
  expect(report).not.toContain('escaped');
});

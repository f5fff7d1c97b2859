import { expect, onTestFinished, test, vi } from 'vitest';
import { explainUnexpected, learnerModule, settleWithin } from '../src/check.ts';
import { knownCause } from '../src/escapes.ts';
import { GradingFailure } from '../src/failure.ts';

// The toolkit reads the graded folder once, when it loads (graded code could change the
// environment later), so it is set before the imports, as the CLI sets it before a grade.
vi.hoisted(() => {
  process.env.KIT_SOURCE_DIR = '/kit/exercises/exercise-01/src';
});

async function failureOf(promise: Promise<unknown>): Promise<GradingFailure> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof GradingFailure) return error;
  throw new Error(`expected a GradingFailure, got ${String(error)}`);
}

test('a body that never settles fails with "never settled" once its time is up', async () => {
  const started = performance.now();
  const failure = await failureOf(settleWithin(() => new Promise(() => {}), 150));
  expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  expect(failure.details.measured).toBe('your code had neither resolved nor rejected after 0.15 s');
  expect(failure.details.meaning).toContain('never settles');
});

test('a body that settles in time passes, and a synchronous throw is a rejection', async () => {
  await expect(settleWithin(async () => {}, 1_000)).resolves.toBeUndefined();
  await expect(
    settleWithin(() => {
      throw new Error('sync');
    }, 1_000),
  ).rejects.toThrow('sync');
});

test('an unexpected error names itself and the line of the graded code it came from', () => {
  const error = new TypeError('tasks.map is not a function');
  error.stack = [
    'TypeError: tasks.map is not a function',
    '    at runAll (/kit/exercises/exercise-01/src/index.ts:12:16)',
    '    at /kit/exercises/exercise-01/test/1-run-all.grader.test.ts:8:3',
  ].join('\n');
  const failure = explainUnexpected(error, { hint: 1 });
  expect(failure.details).toMatchObject({
    measured: 'your code threw TypeError: tasks.map is not a function',
    location: 'src/index.ts:12:16',
    hint: 1,
  });
});

test('learnerModule explains a module that fails to load, and loads once', async () => {
  let loads = 0;
  const broken = learnerModule('src/index.ts', async () => {
    loads += 1;
    throw new SyntaxError('Unexpected token');
  }, []);
  const failure = await failureOf(broken());
  await failureOf(broken());
  expect(loads).toBe(1);
  expect(failure.details.measured).toBe(
    'src/index.ts could not be loaded: SyntaxError: Unexpected token',
  );
});

test('learnerModule names the exports that are missing or not functions', async () => {
  const partial = learnerModule('src/index.ts', async () => ({ runAll: () => 1, mapLimit: 3 }), [
    'runAll',
    'mapLimit',
  ]);
  const failure = await failureOf(partial());
  expect(failure.details.measured).toBe('src/index.ts does not export mapLimit as a function');
});

test('code that changed a frozen built-in is told which one, in the kit’s words', () => {
  const failure = explainUnexpected(
    new TypeError("Cannot assign to read only property 'max' of built-in Math"),
    { hint: 2 },
  );
  expect(failure.details.measured).toBe(
    "your code replaced Math.max: graded code may not change JavaScript's built-ins",
  );
  expect(failure.details.meaning).toMatch(/frozen before it loads/);
});

test('a body that waits in vain while an error escapes names that error, not a missing resolve', async () => {
  // A listener of the test's own keeps the escape from failing this file: Vitest then takes it as handled.
  const handled = () => {};
  process.on('unhandledRejection', handled);
  onTestFinished(() => {
    process.off('unhandledRejection', handled);
  });
  const failure = await failureOf(
    settleWithin(() => {
      setTimeout(() => {
        void Promise.reject(
          new Error(
            "Cannot find module '/kit/exercises/exercise-05/count-primes.mjs' imported from /kit/node_modules/piscina/dist/worker.js",
          ),
        );
      }, 10);
      return new Promise(() => {});
    }, 300),
  );
  expect(failure.details.measured).toContain('meanwhile an error escaped it');
  expect(failure.details.meaning).toContain('a worker thread could not load count-primes.mjs');
  expect(failure.details.meaning).toContain("new URL('./count-primes.mjs', import.meta.url)");
});

test('an error the kit does not know keeps its own words, and the hint to handle it where it starts', () => {
  expect(knownCause('ECONNRESET')).toBeUndefined();
});

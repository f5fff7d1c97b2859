import { check, expectFigure, runningWorkerThreads, sleep } from '@kit/grading';
import { createPrimesApp, primesService } from './primes-app.ts';

check('after app.close() no worker thread is left', { points: 2, hint: 6 }, async () => {
  const before = runningWorkerThreads();
  const app = await createPrimesApp();
  await app.init();
  const { PrimesService } = await primesService();
  await app.get(PrimesService).count(10);
  const whileOpen = runningWorkerThreads() - before;
  await app.close();
  let left = runningWorkerThreads() - before;
  for (let waited = 0; left > 0 && waited < 2_000; waited += 50) {
    await sleep(50);
    left = runningWorkerThreads() - before;
  }
  expectFigure({
    label: `worker threads still running 2 s after app.close() (${whileOpen} while it was open)`,
    measured: left,
    equals: 0,
    meaning:
      'A pool nobody closes keeps its threads: a test runner or a deploy waits on them, or kills them mid-task. Destroy the pool in onModuleDestroy (Nest calls it on app.close()).',
    hint: 6,
  });
});

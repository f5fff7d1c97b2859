import { check, expectFigure, runningWorkerThreads, sleep } from '@kit/grading';
import { createPrimesApp, primesService } from './primes-app.ts';

/** Worker threads this process runs beyond `before`, once they had up to 2 s to stop. */
async function threadsLeftAfterClose(before: number): Promise<number> {
  let left = runningWorkerThreads() - before;
  for (let waited = 0; left > 0 && waited < 2_000; waited += 50) {
    await sleep(50);
    left = runningWorkerThreads() - before;
  }
  return left;
}

/** A started app of the learner's, its service, and how many threads ran before it. */
async function startedApp() {
  const before = runningWorkerThreads();
  const app = await createPrimesApp();
  await app.init();
  const { PrimesService } = await primesService();
  const service = app.get(PrimesService);
  await service.count(10);
  return { app, service, before };
}

check('after app.close() no worker thread is left', { points: 2, hint: 6 }, async () => {
  const idle = await startedApp();
  const whileOpen = runningWorkerThreads() - idle.before;
  await idle.app.close();
  expectFigure({
    label: `worker threads still running 2 s after app.close() (${whileOpen} while it was open)`,
    measured: await threadsLeftAfterClose(idle.before),
    equals: 0,
    meaning:
      'A pool nobody closes keeps its threads: a test runner or a deploy waits on them, or kills them mid-task. Destroy the pool in onModuleDestroy (Nest calls it on app.close()).',
    hint: 6,
  });

  // Closed again while a thread is busy: a pool that stops only its idle threads keeps this one.
  const busy = await startedApp();
  // Only an app that runs threads can leave one: an app that counts on the main thread
  // would block the grader for the whole count instead, for longer than the check may take
  // on a busy machine.
  const threaded = runningWorkerThreads() > busy.before;
  if (threaded) {
    // About 4 s of one core, twice the 2 s allowed below.
    busy.service.count(20_000_000).catch(() => undefined);
    await sleep(200);
  }
  await busy.app.close();
  expectFigure({
    label: `worker threads still running 2 s after app.close(), closed ${threaded ? 'while a count was running' : 'with no thread started'}`,
    measured: await threadsLeftAfterClose(busy.before),
    equals: 0,
    meaning:
      'A thread busy with a count when the app closed was left running: stopping only the idle threads, or not waiting for the pool to stop, lets a thread outlive the app. Destroy the pool and wait for it (await pool.destroy()).',
    hint: 6,
  });
});

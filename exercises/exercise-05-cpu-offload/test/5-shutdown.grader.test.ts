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

  // Closed again while a thread is busy: a pool that stops only its idle threads keeps this one.
  const busyBefore = runningWorkerThreads();
  const busyApp = await createPrimesApp();
  await busyApp.init();
  const service = busyApp.get(PrimesService);
  await service.count(10);
  // About 4 s of one core, twice the 2 s allowed below.
  service.count(20_000_000).catch(() => undefined);
  await sleep(200);
  await busyApp.close();
  let busyLeft = runningWorkerThreads() - busyBefore;
  for (let waited = 0; busyLeft > 0 && waited < 2_000; waited += 50) {
    await sleep(50);
    busyLeft = runningWorkerThreads() - busyBefore;
  }
  expectFigure({
    label: 'worker threads still running 2 s after app.close(), closed while a count was running',
    measured: busyLeft,
    equals: 0,
    meaning:
      'A thread busy with a count when the app closed was left running: stopping only the idle threads, or not waiting for the pool to stop, lets a thread outlive the app. Destroy the pool and wait for it (await pool.destroy()).',
    hint: 6,
  });
});

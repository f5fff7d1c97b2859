// One thread of the hand-made pool: counts what it is sent, one task at a time.
import { parentPort } from 'node:worker_threads';
import { countPrimes } from './count-primes.mjs';

parentPort.on('message', ({ below }) => {
  parentPort.postMessage(countPrimes({ below }));
});

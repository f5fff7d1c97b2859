import { kitFetch, now } from './intrinsics.ts';
import { sleep } from './sleep.ts';

/**
 * Asks `url` again and again, `everyMs` after each answer, until stopped:
 * what a load balancer's health check sees while a scenario runs. `stop()`
 * waits for the request in flight and gives how long each answer took.
 *
 * @example
 * const health = probe(`${baseUrl}/health`, 50);
 * … // run the scenario
 * const longestWait = Math.max(...(await health.stop()));
 */
export function probe(url: string, everyMs: number): { stop(): Promise<number[]> } {
  const waits: number[] = [];
  let probing = true;
  const running = (async () => {
    while (probing) {
      const sent = now();
      await kitFetch(url).then((answer) => answer.text());
      waits.push(now() - sent);
      await sleep(everyMs);
    }
  })();
  return {
    async stop() {
      probing = false;
      await running;
      return waits;
    },
  };
}

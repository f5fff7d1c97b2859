import { check, expectEqual } from '@kit/grading';
import { bench, blockRoute, servers } from './servers.ts';

const SUSPECTS = ['/r/alpha', '/r/bravo', '/r/charlie', '/r/delta'];

check(
  'findStarvingRoutes names exactly the route that blocks, chosen at random for each run',
  { points: 3, hint: 6, timeoutMs: 30_000 },
  async () => {
    const { findStarvingRoutes } = await bench();
    // Two runs with two blocking routes drawn for this grade: no fixed answer fits both.
    for (const [index, expected] of servers.blockingRoutes.entries()) {
      await blockRoute(index);
      const found = await findStarvingRoutes(servers.baseUrl, SUSPECTS, '/probe');
      expectEqual(
        `routes found starving /probe (run ${index + 1})`,
        [...found].sort(),
        [expected],
        {
          meaning: `Of ${SUSPECTS.join(', ')}, each taking 60 ms, only ${expected} spends them on the event loop. Time the probe alone, then while each suspect is under load: only a blocking route makes it wait.`,
          hint: 6,
        },
      );
    }
  },
);

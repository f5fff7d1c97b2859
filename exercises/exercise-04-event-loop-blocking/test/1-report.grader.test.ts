import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { check, expectEqual } from '@kit/grading';
import { expectAddStaysFast, expectHeartbeat, starvationScenario } from './blocking-app.ts';

const scenario = starvationScenario('GET /report', (baseUrl) => fetch(`${baseUrl}/report`));

check('GET /add stays fast while two GET /report run', { points: 3, hint: 3 }, async () => {
  expectAddStaysFast(await scenario(), 3);
});

check(
  'the event loop keeps beating while two GET /report run',
  { points: 2, hint: 3 },
  async () => {
    expectHeartbeat(await scenario(), 3);
  },
);

check('GET /report still answers the same key', { points: 2, hint: 3 }, async () => {
  const { slow } = await scenario();
  const expected = await promisify(pbkdf2)(
    'workshop-report',
    'workshop-salt',
    1_000_000,
    32,
    'sha256',
  );
  expectEqual(
    'answers',
    slow,
    [1, 2].map(() => ({ status: 200, body: { key: expected.toString('hex') } })),
    {
      meaning: 'The async twin derives the same key: only where it runs changes.',
      hint: 3,
    },
  );
});

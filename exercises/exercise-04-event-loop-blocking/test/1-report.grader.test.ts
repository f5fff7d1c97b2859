import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { check, expectEqual, kitFetch } from '@kit/grading';
import { starvationChecks } from './blocking-app.ts';

const scenario = starvationChecks('GET /report', (baseUrl) => kitFetch(`${baseUrl}/report`), {
  add: 3,
  heartbeat: 3,
});

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

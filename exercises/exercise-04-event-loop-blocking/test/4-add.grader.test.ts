import { check, expectEqual, kitFetch } from '@kit/grading';
import { blockingApp } from './blocking-app.ts';

check('GET /add answers { result }, and a 400 without two numbers', { points: 1 }, async () => {
  const baseUrl = await blockingApp();
  const sum = await kitFetch(`${baseUrl}/add?a=3&b=4`);
  expectEqual(
    'GET /add?a=3&b=4',
    { status: sum.status, body: await sum.json() },
    { status: 200, body: { result: 7 } },
    {
      meaning: 'The tiny route adds its two numbers.',
    },
  );
  const bad = await kitFetch(`${baseUrl}/add?a=3&b=four`);
  expectEqual('status of GET /add?a=3&b=four', bad.status, 400, {
    meaning: 'Something that is not a number is a 400.',
  });
});

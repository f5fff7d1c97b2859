import { check, expectEqual, kitFetch, learnerModule } from '@kit/grading';
import { blockingApp, starvationChecks } from './blocking-app.ts';

const posts = learnerModule('src/blog-posts.ts', () => import('#exercise/blog-posts.ts'), [
  'generatePost',
]);
const POST_IDS = [0, 17, 42_000];

const scenario = starvationChecks(
  'GET /blog/:id',
  (baseUrl, index) => kitFetch(`${baseUrl}/blog/${POST_IDS[index]}`),
  { add: 1, heartbeat: 2 },
);

check(
  'GET /blog/:id still answers the post, and 404 for an unknown one',
  { points: 2, hint: 2 },
  async () => {
    const { slow } = await scenario();
    const { generatePost } = await posts();
    expectEqual(
      'answers',
      slow,
      [17, 42_000].map((id) => ({ status: 200, body: generatePost(id) })),
      {
        meaning: 'Reading differently must not change what the route answers.',
        hint: 2,
      },
    );
    const missing = await kitFetch(`${await blockingApp()}/blog/999999`);
    expectEqual('status of GET /blog/999999', missing.status, 404, {
      meaning: 'A post that is not in the file is a 404.',
      hint: 2,
    });
  },
);

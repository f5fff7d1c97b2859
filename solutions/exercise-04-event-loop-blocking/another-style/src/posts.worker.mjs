// Exercise 04, solved another way: the blog's posts parsed once on a worker
// thread, which keeps them and answers one post per question. The main thread
// never parses the 74 MB, and only one post at a time crosses to it.
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';

const posts = JSON.parse(await readFile(workerData.file, 'utf8'));
const byId = new Map(posts.map((post) => [post.id, post]));
parentPort.on('message', ({ question, id }) => {
  parentPort.postMessage({ question, post: byId.get(id) ?? null });
});

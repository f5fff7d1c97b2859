// Provided: the blog's data, one large JSON file (about 74 MB) generated on first use.
import { access, rename, writeFile } from 'node:fs/promises';

export interface Post {
  id: number;
  title: string;
  author: string;
  tags: string[];
  body: string;
}

export const POST_COUNT = 120_000;

/** The post with this id, as the generated file holds it. */
export function generatePost(id: number): Post {
  return {
    id,
    title: `Post ${id}`,
    author: `author${id % 97}`,
    tags: ['node', 'async', `t${id % 13}`],
    body: `Lorem ipsum ${id} `.repeat(30),
  };
}

/** Writes the posts file unless it is there already; whole or not at all, so a reader never sees half of it. */
export async function ensureBlogPosts(file: string): Promise<void> {
  try {
    await access(file);
  } catch {
    const posts = Array.from({ length: POST_COUNT }, (_, index) => generatePost(index + 1));
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify(posts));
    await rename(partial, file);
  }
}

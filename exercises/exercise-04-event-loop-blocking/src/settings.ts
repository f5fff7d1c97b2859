import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the blog's posts are read from: `BLOG_POSTS_FILE`, or a generated file in the temp folder. */
export function blogPostsFile(): string {
  return process.env.BLOG_POSTS_FILE || join(tmpdir(), 'workshop-blog-posts-v2.json');
}

/** Where the legacy mailer delivers mail: `MAILBOX_FILE`, or a file in the temp folder. */
export function mailboxFile(): string {
  return process.env.MAILBOX_FILE || join(tmpdir(), 'workshop-mailbox.ndjson');
}

/** The report's key derivation: deliberately expensive, as password hashing should be. */
export const REPORT_KEY = {
  password: 'workshop-report',
  salt: 'workshop-salt',
  iterations: 1_000_000,
  length: 32,
  digest: 'sha256',
} as const;

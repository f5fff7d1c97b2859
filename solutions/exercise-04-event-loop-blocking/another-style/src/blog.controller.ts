import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import {
  Controller,
  Get,
  NotFoundException,
  type OnModuleDestroy,
  Param,
  ParseIntPipe,
} from '@nestjs/common';
import type { Post } from './blog-posts.ts';
import { blogPostsFile } from './settings.ts';

/** A worker thread holding the posts of one version of the file, asked by message. */
class PostsThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (post: Post | null) => void>();
  private questions = 0;
  private failure: Error | undefined;

  constructor(
    file: string,
    readonly modifiedMs: number,
  ) {
    this.worker = new Worker(new URL('./posts.worker.mjs', import.meta.url), {
      workerData: { file },
    });
    this.worker.on('message', ({ question, post }: { question: number; post: Post | null }) => {
      this.waiting.get(question)?.(post);
      this.waiting.delete(question);
    });
    this.worker.on('error', (error) => {
      this.failure = error;
    });
  }

  find(id: number): Promise<Post | null> {
    if (this.failure) return Promise.reject(this.failure);
    this.questions += 1;
    const question = this.questions;
    return new Promise((resolve) => {
      this.waiting.set(question, resolve);
      this.worker.postMessage({ question, id });
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

@Controller('blog')
export class BlogController implements OnModuleDestroy {
  private thread: PostsThread | undefined;

  @Get(':id')
  async post(@Param('id', ParseIntPipe) id: number): Promise<Post> {
    const post = await (await this.posts()).find(id);
    if (!post) throw new NotFoundException(`There is no post ${id}.`);
    return post;
  }

  /** The thread for the file as it is now: a changed file gets a new one. */
  private async posts(): Promise<PostsThread> {
    const file = blogPostsFile();
    const { mtimeMs } = await stat(file);
    if (this.thread?.modifiedMs !== mtimeMs) {
      void this.thread?.stop();
      this.thread = new PostsThread(file, mtimeMs);
    }
    return this.thread;
  }

  async onModuleDestroy(): Promise<void> {
    await this.thread?.stop();
  }
}

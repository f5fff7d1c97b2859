import { readFile, stat } from 'node:fs/promises';
import { Controller, Get, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import type { Post } from './blog-posts.ts';
import { blogPostsFile } from './settings.ts';

// Exercise 04: event-loop blocking. The lesson is in ../README.md.

interface LoadedPosts {
  readonly modifiedMs: number;
  readonly byId: Promise<Map<number, Post>>;
}

@Controller('blog')
export class BlogController {
  private loaded: LoadedPosts | undefined;

  /** `GET /blog/:id`: one post of the blog, read from its large JSON file. */
  @Get(':id')
  async post(@Param('id', ParseIntPipe) id: number): Promise<Post> {
    const post = (await this.posts()).get(id);
    if (!post) throw new NotFoundException(`There is no post ${id}.`);
    return post;
  }

  /**
   * readFile is readFileSync's async twin, but JSON.parse has none: parsing
   * 74 MB holds the event loop whichever way the bytes arrived. So parse once
   * and keep the result, until the file changes.
   */
  private async posts(): Promise<Map<number, Post>> {
    const file = blogPostsFile();
    const { mtimeMs } = await stat(file);
    if (this.loaded?.modifiedMs !== mtimeMs) {
      const byId = readFile(file, 'utf8').then(
        (text) => new Map((JSON.parse(text) as Post[]).map((post) => [post.id, post])),
      );
      this.loaded = { modifiedMs: mtimeMs, byId };
    }
    return this.loaded.byId;
  }
}

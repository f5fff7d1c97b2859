import { readFileSync } from 'node:fs';
import { Controller, Get, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import type { Post } from './blog-posts.ts';
import { blogPostsFile } from './settings.ts';

// Exercise 04: event-loop blocking. The lesson is in ../README.md.

@Controller('blog')
export class BlogController {
  /** `GET /blog/:id`: one post of the blog, read from its large JSON file. */
  @Get(':id')
  async post(@Param('id', ParseIntPipe) id: number): Promise<Post> {
    // TODO: this blocks the event loop on every request. Read without blocking,
    // and do not repeat the parse per request (hints 1 and 2).
    const posts = JSON.parse(readFileSync(blogPostsFile(), 'utf8')) as Post[];
    const post = posts.find((candidate) => candidate.id === id);
    if (!post) throw new NotFoundException(`There is no post ${id}.`);
    return post;
  }
}

import { Module, type OnModuleInit } from '@nestjs/common';
import { AddController } from './add.controller.ts';
import { BlogController } from './blog.controller.ts';
import { ensureBlogPosts } from './blog-posts.ts';
import { PasswordResetController } from './password-reset.controller.ts';
import { ReportController } from './report.controller.ts';
import { blogPostsFile } from './settings.ts';

@Module({
  controllers: [AddController, BlogController, ReportController, PasswordResetController],
})
export class AppModule implements OnModuleInit {
  async onModuleInit(): Promise<void> {
    await ensureBlogPosts(blogPostsFile());
  }
}

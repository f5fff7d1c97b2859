import { Worker } from 'node:worker_threads';
import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { MailMessage } from './legacy-mailer.mjs';
import { mailboxFile } from './settings.ts';

/** Resolves when the worker says the mail went, rejects if it fails or ends without saying so. */
function sendOffThread(message: MailMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL('./send-mail.worker.mjs', import.meta.url), {
      workerData: { mailboxFile: mailboxFile(), message },
    });
    thread.once('message', () => resolve());
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the mail worker ended (code ${code}) unsent`)));
  });
}

@Controller('password-reset')
export class PasswordResetController {
  @Post()
  @HttpCode(200)
  async reset(@Body() body: { email?: unknown }): Promise<{ sent: true }> {
    const email = typeof body?.email === 'string' ? body.email.trim() : '';
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
      throw new BadRequestException(
        'Give the account’s email address: { "email": "you@example.com" }',
      );
    }
    await sendOffThread({
      to: email,
      subject: 'Reset your password',
      text: `Someone asked to reset the password of ${email}. Follow the link to choose a new one.`,
    });
    return { sent: true };
  }
}

import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { MailMessage } from './legacy-mailer.mjs';
import { mailboxFile } from './settings.ts';

const worker = new URL('./send-mail.worker.mjs', import.meta.url);

/** Runs the blocking mailer on a worker thread: only that thread waits for the mail server. */
async function sendInWorker(message: MailMessage): Promise<void> {
  const thread = new Worker(worker, { workerData: { mailboxFile: mailboxFile(), message } });
  const [exitCode] = (await once(thread, 'exit')) as [number];
  if (exitCode !== 0) throw new Error(`the mail worker exited with code ${exitCode}`);
}

@Controller('password-reset')
export class PasswordResetController {
  /** `POST /password-reset` with `{ "email": … }`: mails a reset link, then answers `{ sent: true }`. */
  @Post()
  @HttpCode(200)
  async reset(@Body() body: { email?: unknown }): Promise<{ sent: true }> {
    const email = typeof body?.email === 'string' ? body.email.trim() : '';
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
      throw new BadRequestException(
        'Give the account’s email address: { "email": "you@example.com" }',
      );
    }
    const message = {
      to: email,
      subject: 'Reset your password',
      text: `Someone asked to reset the password of ${email}. Follow the link to choose a new one.`,
    };
    await sendInWorker(message);
    return { sent: true };
  }
}

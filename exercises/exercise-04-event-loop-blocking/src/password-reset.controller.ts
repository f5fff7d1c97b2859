import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { LegacyMailer } from './legacy-mailer.mjs';
import { mailboxFile } from './settings.ts';

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
    // TODO: the mailer has no async API, and sendSync blocks the event loop for
    // the whole send. Move the call off the main thread: see send-mail.worker.mjs (hint 4), and
    // answer once the mail is sent (hint 5).
    new LegacyMailer(mailboxFile()).sendSync(message);
    return { sent: true };
  }
}

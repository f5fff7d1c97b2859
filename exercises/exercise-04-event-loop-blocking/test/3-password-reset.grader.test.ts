import { dirname, join } from 'node:path';
import { check, expectEqual, expectThat, kitFetch, show, wallClock } from '@kit/grading';
import { blockingApp, deliveredMail, starvationChecks } from './blocking-app.ts';

const run = wallClock().toString(36);
const emailOf = (index: number) => `reset-${index}-${run}@example.test`;

const askReset = (baseUrl: string, email: string) =>
  kitFetch(`${baseUrl}/password-reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });

const scenario = starvationChecks(
  'POST /password-reset',
  (baseUrl, index) => askReset(baseUrl, emailOf(index)),
  { add: 4, heartbeat: 4 },
);

check(
  'POST /password-reset still sends the mail before it answers',
  { points: 2, hint: 5 },
  async () => {
    const { slow } = await scenario();
    expectEqual(
      'answers',
      slow,
      [
        { status: 200, body: { sent: true } },
        { status: 200, body: { sent: true } },
      ],
      {
        meaning: 'The route answers { sent: true } once the mail is sent.',
        hint: 5,
      },
    );
    const recipients = deliveredMail().map((mail) => mail.to);
    for (const index of [1, 2]) {
      expectThat(recipients.includes(emailOf(index)), {
        measured: `no mail to ${emailOf(index)} in the mailbox (it holds ${recipients.length} mails)`,
        expected: `a mail to ${emailOf(index)}, delivered before the route answered`,
        meaning:
          'Moving the send off the main thread must not lose it: wait for the worker to finish before answering.',
        hint: 5,
      });
    }
    // A send that fails must still fail the request, as sendSync's throw did on the main thread:
    // the mailer cannot append to a mailbox whose folder does not exist. Read when the mail is sent.
    const baseUrl = await blockingApp();
    const mailbox = process.env.MAILBOX_FILE ?? '';
    process.env.MAILBOX_FILE = join(dirname(mailbox), 'no-such-folder', 'mailbox.ndjson');
    const failed = await askReset(baseUrl, emailOf(3)).finally(() => {
      process.env.MAILBOX_FILE = mailbox;
    });
    const failedBody = await failed.text();
    expectThat(failed.status >= 500, {
      measured: `a mail the mailer failed to send (its mailbox's folder does not exist) was answered ${failed.status} ${show(failedBody)}`,
      expected: 'a 500, as when sendSync threw on the main thread: the mail was not sent',
      meaning:
        "When sendSync throws in the worker, the worker ends with a non-zero exit code (and an 'error' event): a route that answers { sent: true } whatever happened tells the user about a mail that never comes. Fail the request when the worker failed.",
      hint: 5,
    });
  },
);

import { check, expectEqual, expectThat, kitFetch, wallClock } from '@kit/grading';
import { deliveredMail, starvationChecks } from './blocking-app.ts';

const run = wallClock().toString(36);
const emailOf = (index: number) => `reset-${index}-${run}@example.test`;

const scenario = starvationChecks(
  'POST /password-reset',
  (baseUrl, index) =>
    kitFetch(`${baseUrl}/password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: emailOf(index) }),
    }),
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
  },
);

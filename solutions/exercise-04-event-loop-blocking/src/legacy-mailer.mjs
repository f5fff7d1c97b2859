// Provided: a mail client from the days before async. It has only a blocking
// API: sendSync() holds the calling thread until the mail server has answered
// (about 250 ms here). Do not change this file; call it where blocking is harmless.
import { appendFileSync } from 'node:fs';

const SERVER_ROUND_TRIP_MS = 250;

export class LegacyMailer {
  /** @param {string} mailboxFile where delivered mail is appended, one JSON line per mail */
  constructor(mailboxFile) {
    this.mailboxFile = mailboxFile;
  }

  /**
   * Sends a mail and returns once the server has accepted it, blocking the thread meanwhile.
   * @param {{ to: string; subject: string; text: string }} message
   * @returns {{ messageId: string }}
   */
  sendSync(message) {
    // Waits like a blocking socket read: the thread sleeps, nothing else runs on it.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, SERVER_ROUND_TRIP_MS);
    const messageId = `${Date.now()}.${Math.random().toString(36).slice(2)}@legacy-mailer`;
    appendFileSync(this.mailboxFile, `${JSON.stringify({ messageId, ...message })}\n`);
    return { messageId };
  }
}

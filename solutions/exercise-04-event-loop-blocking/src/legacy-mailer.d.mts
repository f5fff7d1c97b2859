export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** A mail client with only a blocking API: `sendSync` holds the calling thread for about 250 ms. */
export declare class LegacyMailer {
  constructor(mailboxFile: string);
  readonly mailboxFile: string;
  sendSync(message: MailMessage): { messageId: string };
}

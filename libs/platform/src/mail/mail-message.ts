export interface MailAddress {
  readonly name?: string;
  readonly address: string;
}

/** A fully rendered email, as stored in the outbox and handed to the SMTP transport. */
export interface MailMessage {
  readonly to: readonly string[];
  readonly replyTo?: MailAddress;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

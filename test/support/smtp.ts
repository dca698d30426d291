import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { waitFor } from './wait';

export interface ReceivedMail {
  readonly envelope: { from: string; to: string[] };
  readonly parsed: ParsedMail;
  readonly raw: string;
}

export interface TestSmtpOptions {
  /** Answer RCPT TO with this error for matching addresses (e.g. 550 5.1.1). */
  rejectRecipient?: (address: string) => { code: number; message: string } | undefined;
  /** Delay before accepting each message's data, to keep messages in flight. */
  acceptDelayMs?: number;
}

/** A real SMTP server on loopback that records every message it accepts. It can be stopped and started on one port. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  port = 0;
  private server: SMTPServer | undefined;

  constructor(private readonly options: TestSmtpOptions = {}) {}

  async start(port = this.port): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const rejection = this.options.rejectRecipient?.(address.address);
        if (!rejection) return callback();
        const error = new Error(rejection.message) as Error & { responseCode: number };
        error.responseCode = rejection.code;
        callback(error);
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          void simpleParser(raw).then((parsed) => {
            const finish = () => {
              this.received.push({
                envelope: {
                  from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                  to: session.envelope.rcptTo.map((r) => r.address),
                },
                parsed,
                raw,
              });
              callback();
            };
            if (this.options.acceptDelayMs) setTimeout(finish, this.options.acceptDelayMs);
            else finish();
          });
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async waitForCount(count: number, timeoutMs = 20_000): Promise<ReceivedMail[]> {
    await waitFor(() => this.received.length >= count, timeoutMs, `${count} message(s) at the SMTP server`);
    return this.received;
  }

  /** Env for Mailroom to deliver here. */
  env(): Record<string, string> {
    return {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.port),
      SMTP_USE_TLS: 'false',
      SMTP_SENDER: 'mailroom@example.org',
      SMTP_RECIPIENTS: 'team@example.org,sales@example.org',
    };
  }
}

/** A header as written on the wire (unfolded), for headers mailparser reshapes. */
export function rawHeader(mail: ReceivedMail, name: string): string | undefined {
  const head = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1];
}

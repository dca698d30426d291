import { Injectable } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { AppConfig } from '../config/app-config';
import type { MailMessage } from './mail-message';

/** Pooled SMTP options from the configuration (or a JSON transport that only satisfies the mailer module). */
export function smtpTransport(config: AppConfig, maxConnections = 5): SMTPPool.Options | { jsonTransport: true } {
  const smtp = config.smtp;
  // Without SMTP_HOST nothing is sent (jobs are marked skipped); the JSON transport only satisfies the mailer module.
  if (smtp.host === undefined) return { jsonTransport: true };
  const implicitTls = smtp.port === 465;
  return {
    pool: true,
    maxConnections,
    maxMessages: Infinity,
    host: smtp.host,
    port: smtp.port,
    secure: implicitTls,
    requireTLS: !implicitTls && smtp.useTls,
    ignoreTLS: !implicitTls && !smtp.useTls,
    auth: smtp.username !== undefined ? { user: smtp.username, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // nodemailer signs each message (relaxed/relaxed, rsa-sha256) before it leaves; every transport gets it.
    ...(smtp.dkim
      ? { dkim: { domainName: smtp.dkim.domain, keySelector: smtp.dkim.selector, privateKey: smtp.dkim.privateKey } }
      : {}),
  };
}

/** Printable ASCII without line breaks: safe to write as it is. */
const PLAIN_HEADER = /^[\x20-\x7e]{0,900}$/;

/**
 * Header values that are plain ASCII go out exactly as written: nodemailer would otherwise turn some (a List-Id with
 * its quoted phrase) into MIME encoded-words, which list software and spam filters do not read as the header. Anything
 * else (a line break, non-ASCII) is left to nodemailer to encode, so a value can never start a header of its own.
 */
function preparedHeaders(
  headers: Readonly<Record<string, string>>,
): Record<string, string | { prepared: true; value: string }> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      PLAIN_HEADER.test(value) ? { prepared: true, value } : value,
    ]),
  );
}

export interface SentMail {
  readonly messageId: string;
  readonly response: string;
}

/** Hands rendered messages to SMTP through @nestjs-modules/mailer (a pooled nodemailer transport). */
@Injectable()
export class MailTransport {
  private bulkName: string | undefined;

  constructor(
    private readonly mailer: MailerService,
    private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.smtp.host !== undefined;
  }

  /** The sender's domain, for Message-IDs that are ours and stable. */
  get domain(): string {
    return (this.config.smtp.sender ?? 'mailroom.invalid').split('@').pop() ?? 'mailroom.invalid';
  }

  /**
   * The pool newsletters go through, separate from notifications so a big send never queues a contact form's
   * notification behind it. Sized by the concurrency setting, and rebuilt when that changes.
   */
  bulkTransporter(connections: number): string {
    const name = `bulk-${connections}`;
    if (this.bulkName !== name) {
      if (this.bulkName !== undefined) this.mailer.removeTransporter(this.bulkName);
      this.mailer.addTransporter(name, smtpTransport(this.config, connections));
      this.bulkName = name;
    }
    return name;
  }

  async send(message: MailMessage, messageId: string, transporterName?: string): Promise<SentMail> {
    const info = (await this.mailer.sendMail({
      transporterName,
      from: { name: this.config.smtp.senderName, address: this.config.smtp.sender ?? '' },
      to: [...message.to],
      replyTo: message.replyTo ? { name: message.replyTo.name ?? '', address: message.replyTo.address } : undefined,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers ? preparedHeaders(message.headers) : undefined,
      messageId,
      // Addresses come from validated input; never let nodemailer read files or URLs named in a message.
      disableFileAccess: true,
      disableUrlAccess: true,
    })) as { messageId?: string; response?: string };
    return { messageId: info.messageId ?? messageId, response: info.response ?? '' };
  }
}

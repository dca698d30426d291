import { Injectable } from '@nestjs/common';
import { MailerService } from '@nestjs-modules/mailer';
import { AppConfig } from '../config/app-config';
import type { MailMessage } from './mail-message';

export interface SentMail {
  readonly messageId: string;
  readonly response: string;
}

/** Hands rendered messages to SMTP through @nestjs-modules/mailer (a pooled nodemailer transport). */
@Injectable()
export class MailTransport {
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

  async send(message: MailMessage, messageId: string): Promise<SentMail> {
    const info = (await this.mailer.sendMail({
      from: { name: this.config.smtp.senderName, address: this.config.smtp.sender ?? '' },
      to: [...message.to],
      replyTo: message.replyTo ? { name: message.replyTo.name ?? '', address: message.replyTo.address } : undefined,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers ? { ...message.headers } : undefined,
      messageId,
      // Addresses come from validated input; never let nodemailer read files or URLs named in a message.
      disableFileAccess: true,
      disableUrlAccess: true,
    })) as { messageId?: string; response?: string };
    return { messageId: info.messageId ?? messageId, response: info.response ?? '' };
  }
}

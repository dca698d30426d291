import type { MailMessage } from '@mailroom/platform';
import type { ContactCreateDto } from './dto/contact-create.dto';

export interface NotificationContext {
  readonly id: number;
  readonly recipients: readonly string[];
  readonly siteName: string;
  readonly publicUrl: string;
}

/**
 * The email the team gets for a new submission. The visitor appears only in Reply-To (and the text), never in From
 * or To, so replying reaches them and nothing is sent to an address a stranger typed.
 */
export function contactNotification(submission: ContactCreateDto, context: NotificationContext): MailMessage {
  const lines = [
    `New contact request #${context.id} on ${context.siteName}`,
    '',
    `Name:     ${submission.name}`,
    `Email:    ${submission.email}`,
    submission.company ? `Company:  ${submission.company}` : undefined,
    submission.timeline ? `Timeline: ${submission.timeline}` : undefined,
    '',
    submission.message,
    '',
    `View it in the dashboard: ${context.publicUrl}/admin/submissions/${context.id}`,
  ].filter((line): line is string => line !== undefined);
  return {
    to: context.recipients,
    replyTo: { name: submission.name, address: submission.email },
    subject: `New contact request from ${submission.name}`,
    text: lines.join('\n'),
  };
}

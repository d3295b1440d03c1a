import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The one action link of the message, logged by the outbox transport for developers. */
  link?: string;
  /**
   * An iCalendar (RFC 5545) invitation: sent as a text/calendar alternative with its method, which
   * mail clients show as an invitation, and as an .ics attachment.
   */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename?: string };
}

/**
 * Sends e-mail through nodemailer: SMTP when SMTP_URL is set, otherwise a development outbox
 * that writes each message as an .eml file (plus a .json summary) and logs its link.
 */
export class Mailer {
  private readonly transport: Transporter;
  private readonly outboxDir?: string;

  constructor(
    options: { smtpUrl?: string; from: string; outboxDir: string },
    private readonly logger: Logger,
    private readonly logging: { logLinks: boolean },
  ) {
    this.from = options.from;
    if (options.smtpUrl) {
      this.transport = nodemailer.createTransport(options.smtpUrl);
    } else {
      this.transport = nodemailer.createTransport({
        streamTransport: true,
        buffer: true,
        newline: 'unix',
      });
      this.outboxDir = resolve(options.outboxDir);
    }
  }

  private readonly from: string;

  async send(message: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.calendar && {
        icalEvent: {
          method: message.calendar.method,
          content: message.calendar.content,
          filename: message.calendar.filename ?? 'invitation.ics',
        },
      }),
    });
    if (!this.outboxDir) {
      this.logger.info({ messageId: info.messageId }, 'mail sent');
      return;
    }
    await mkdir(this.outboxDir, { recursive: true, mode: 0o700 });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^\w.-]/g, '')}`;
    await writeFile(join(this.outboxDir, `${name}.eml`), info.message as Buffer, { mode: 0o600 });
    // Written aside, then renamed: a reader of the outbox (a test, a developer's tool) never
    // sees half a file.
    const json = join(this.outboxDir, `${name}.json`);
    await writeFile(
      `${json}.part`,
      JSON.stringify({
        to: message.to,
        subject: message.subject,
        link: message.link ?? null,
        ...(message.calendar && { text: message.text, calendar: message.calendar.content }),
      }),
      { mode: 0o600 },
    );
    await rename(`${json}.part`, json);
    // A link is a live credential: logged for developers only, never in production.
    this.logger.info(
      {
        to: message.to,
        subject: message.subject,
        link: this.logging.logLinks ? message.link : undefined,
      },
      'mail written to the outbox',
    );
  }
}

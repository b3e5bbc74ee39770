/** The local outbox: emails as `.eml` files, SMS as lines of `sms.log`, in one folder. */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file, in the outbox folder, that SMS are appended to. */
export const SMS_LOG = 'sms.log';

export const OUTBOX_FROM = 'Backorder notifications <notifications@backorder.localhost>';

export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly id: string;
}

const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
/** Header values are one line. */
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');

export class Outbox {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Writes the email and returns its file. */
  writeEmail(email: Email, at = new Date()): string {
    const file = join(this.dir, `${at.toISOString().replace(/[:.]/g, '-')}-${safe(email.id)}.eml`);
    const message = [
      `From: ${OUTBOX_FROM}`,
      `To: ${oneLine(email.to)}`,
      `Subject: ${oneLine(email.subject)}`,
      `Date: ${at.toUTCString()}`,
      `Message-ID: <${safe(email.id)}@backorder.localhost>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      email.text.replace(/\r?\n/g, '\r\n'),
      '',
    ].join('\r\n');
    writeFileSync(file, message, 'utf8');
    return file;
  }

  appendSms(to: string, text: string, at = new Date()): void {
    appendFileSync(join(this.dir, SMS_LOG), `${at.toISOString()} ${to} ${oneLine(text)}\n`, 'utf8');
  }
}

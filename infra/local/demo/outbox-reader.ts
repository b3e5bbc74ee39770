/**
 * Reads the notifications the local runtime wrote: emails as `.eml` files and SMS as lines of
 * `sms.log` in the outbox folder. The demo picks its own by the channels' order ids, which are
 * unique to its run, since the folder also holds whatever ran before.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMS_LOG } from '../runtime/outbox.js';

export interface OutboxNotification {
  readonly kind: 'email' | 'sms';
  readonly at: Date;
  readonly to: string;
  /** Emails only. */
  readonly subject?: string;
  readonly text: string;
}

// `2026-03-02T08-15-00-123Z-<id>.eml`: the file name starts with the time it was written.
const EMAIL_FILE = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-.*\.eml$/;
// `2026-03-02T08:15:00.123Z +15550000000 Order 1001 for Alice Ng is awaiting stock: ...`
const SMS_LINE = /^(\S+) (\S+) (.*)$/;

function readEmail(dir: string, file: string, at: Date): OutboxNotification {
  const message = readFileSync(join(dir, file), 'utf8');
  const split = message.indexOf('\r\n\r\n');
  const head = split < 0 ? message : message.slice(0, split);
  const header = (name: string) =>
    head
      .split('\r\n')
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}: `))
      ?.slice(name.length + 2) ?? '';
  return {
    kind: 'email',
    at,
    to: header('To'),
    subject: header('Subject'),
    text: split < 0 ? '' : message.slice(split + 4).replace(/\r\n/g, '\n'),
  };
}

function readEmails(dir: string): OutboxNotification[] {
  return readdirSync(dir).flatMap((file) => {
    const time = EMAIL_FILE.exec(file);
    if (!time) return [];
    const [, date, hours, minutes, seconds, millis] = time;
    return [readEmail(dir, file, new Date(`${date}T${hours}:${minutes}:${seconds}.${millis}Z`))];
  });
}

function readSms(dir: string): OutboxNotification[] {
  const log = join(dir, SMS_LOG);
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .flatMap((line) => {
      const parsed = SMS_LINE.exec(line);
      if (!parsed) return [];
      const [, at, to, text] = parsed as unknown as [string, string, string, string];
      return [{ kind: 'sms' as const, at: new Date(at), to, text }];
    });
}

/** Whether the folder exists (a service elsewhere writes its outbox where this cannot see it). */
export const outboxExists = (dir: string): boolean => existsSync(dir);

/**
 * The notifications that mention any of `channelOrderIds` (as `Order <id>`, the way subjects and
 * SMS texts name an order), oldest first.
 */
export function readNotifications(dir: string, channelOrderIds: readonly string[]): OutboxNotification[] {
  if (!existsSync(dir)) return [];
  const mentions = (notification: OutboxNotification) =>
    channelOrderIds.some((id) =>
      `${notification.subject ?? ''}\n${notification.text}`.includes(`Order ${id} `),
    );
  return [...readEmails(dir), ...readSms(dir)]
    .filter(mentions)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.kind.localeCompare(b.kind));
}

/**
 * The demo reads the notifications the runtime's outbox writes (its own writer is used here, so
 * a change of format shows up), keeping those about its run's orders, oldest first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from '@jest/globals';
import { readNotifications } from '../../../../infra/local/demo/outbox-reader.js';
import { Outbox } from '../../../../infra/local/runtime/outbox.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("reads emails and SMS about the run's orders, oldest first", () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-outbox-'));
  const outbox = new Outbox(dir);
  const at = (second: number) => new Date(Date.UTC(2026, 2, 2, 8, 0, second));
  outbox.writeEmail(
    { to: 'ops@example.com', subject: 'Order 1002 is ready to pick', text: 'Line one\nLine two', id: 'b' },
    at(3),
  );
  outbox.writeEmail(
    { to: 'ops@example.com', subject: 'Order 1001 is awaiting stock', text: 'Waiting', id: 'a' },
    at(1),
  );
  outbox.writeEmail(
    { to: 'ops@example.com', subject: 'Order 9999 is ready to pick', text: 'Other', id: 'c' },
    at(2),
  );
  outbox.appendSms('+15550000000', 'Order 1001 for Alice Ng is awaiting stock: MUG x1.', at(1));
  outbox.appendSms('+15550000000', 'Order 99999 for Zed is awaiting stock: MUG x1.', at(2));

  expect(readNotifications(dir, ['1001', '1002'])).toEqual([
    {
      kind: 'email',
      at: at(1),
      to: 'ops@example.com',
      subject: 'Order 1001 is awaiting stock',
      text: 'Waiting\n',
    },
    {
      kind: 'sms',
      at: at(1),
      to: '+15550000000',
      text: 'Order 1001 for Alice Ng is awaiting stock: MUG x1.',
    },
    {
      kind: 'email',
      at: at(3),
      to: 'ops@example.com',
      subject: 'Order 1002 is ready to pick',
      text: 'Line one\nLine two\n',
    },
  ]);
});

it('finds nothing in a folder that does not exist', () => {
  expect(readNotifications(join(tmpdir(), 'no-such-outbox-folder'), ['1001'])).toEqual([]);
});

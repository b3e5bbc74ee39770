/**
 * The emails the demo day must leave in the outbox: one per order that starts waiting, one per
 * split, and one per order that leaves Awaiting Stock (`Backorder Fulfilled`). Notifications are
 * sent after the decisions that cause them, so the demo waits for them a while.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cast } from './cast.js';
import { type OutboxNotification, readNotifications } from './outbox-reader.js';
import { DemoFailure } from './step-runner.js';

export interface ExpectedEmail {
  /** The channel's order id, as subjects name the order. */
  readonly channelOrderId: string;
  readonly subject: RegExp;
  readonly why: string;
}

const WAITING = /is awaiting stock/;
const READY = /is ready to pick/;
const SPLIT = /was split/;

export const expectedNotifications = ({ orders }: Cast): ExpectedEmail[] => [
  { channelOrderId: orders.alice.id, subject: WAITING, why: "Alice's order waits for tees" },
  { channelOrderId: orders.bob.id, subject: WAITING, why: "Bob's order waits for mugs" },
  { channelOrderId: orders.carol.id, subject: WAITING, why: "Carol's order waits for a tee" },
  { channelOrderId: orders.bob.id, subject: SPLIT, why: "Bob's order is split" },
  { channelOrderId: orders.bob.id, subject: READY, why: "Bob's order leaves Awaiting Stock at the split" },
  { channelOrderId: orders.alice.id, subject: READY, why: "Alice's order is filled by the tee receipt" },
  { channelOrderId: orders.carol.id, subject: READY, why: "Carol's order is filled by Alice's cancellation" },
  { channelOrderId: orders.dan.id, subject: WAITING, why: "Dan's order waits for a lamp" },
  { channelOrderId: orders.dan.id, subject: READY, why: "Dan's order is allocated by hand" },
];

const found = (notifications: readonly OutboxNotification[], expected: ExpectedEmail): boolean =>
  notifications.some(
    (notification) =>
      notification.kind === 'email' &&
      notification.subject?.includes(`Order ${expected.channelOrderId} `) === true &&
      expected.subject.test(notification.subject),
  );

/** The run's notifications once every expected email is there; a DemoFailure names any missing. */
export async function waitForNotifications(
  outboxDir: string,
  cast: Cast,
  expected: readonly ExpectedEmail[],
  timeoutMs = 15_000,
): Promise<OutboxNotification[]> {
  const channelOrderIds = Object.values(cast.orders).map((order) => order.id);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const notifications = readNotifications(outboxDir, channelOrderIds);
    const missing = expected.filter((email) => !found(notifications, email));
    if (missing.length === 0) {
      // The SMS of the last email is written just after it: give it a moment.
      await sleep(200);
      return readNotifications(outboxDir, channelOrderIds);
    }
    if (Date.now() >= deadline)
      throw new DemoFailure(
        `No email in ${outboxDir} for: ${missing.map((email) => `${email.why} (${email.subject})`).join('; ')}`,
      );
    await sleep(200);
  }
}

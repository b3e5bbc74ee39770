import type { ChannelOrderMessage } from '../channels/channel-message.js';
import type { ChannelChange } from '../domain/channel-change.js';
import { INCOMING_SCHEMA_VERSION } from '../events/incoming-events.js';
import {
  type EventPublisher,
  type InboxStore,
  inboxSlot,
  type OutboxStore,
  type PublishableEvent,
} from '../ports/event-publisher.js';
import type { Clock } from './ports.js';

export interface WebhookPorts {
  inbox: InboxStore;
  outbox: OutboxStore;
  publisher: EventPublisher;
  clock: Clock;
}

export type WebhookOutcome = {
  kind: 'accepted' | 'duplicate' | 'stale';
  orderId: string;
  eventId: string;
  /**
   * Whether this delivery published the event. False when publishing failed (the event waits for
   * the sweep: on the outbox, or past the intake grace if listing it failed too), and for a repeat
   * whose order is decided or whose event was published before.
   */
  published: boolean;
};

const DETAIL_TYPE = {
  received: 'Order Received',
  updated: 'Order Updated',
  cancelled: 'Order Cancelled',
} as const;

/**
 * A verified channel message becomes an incoming event, stored with its order and then published
 * (the allocator takes it from there: a webhook never allocates inline). A repeated delivery is
 * recognised by its delivery id, or by its order's version and content, and changes nothing; a
 * change older than the newest kept for the order is stale and is recorded nowhere.
 */
export const acceptWebhook = async (
  ports: WebhookPorts,
  tenantId: string,
  message: ChannelOrderMessage,
): Promise<WebhookOutcome> => {
  const { order } = message;
  const eventId = `${order.channel}:${message.deliveryId}`;
  const envelope = {
    schemaVersion: INCOMING_SCHEMA_VERSION,
    tenantId,
    eventId,
    occurredAt: ports.clock(),
    orderId: order.orderId,
  };
  const version = message.version ? { channelVersion: message.version } : {};
  const reason = message.cancelReason ? { reason: message.cancelReason } : {};
  const detail =
    message.kind === 'received'
      ? { ...envelope, order }
      : message.kind === 'updated'
        ? { ...envelope, lines: order.lines, ...version }
        : { ...envelope, ...reason, ...version };
  const event = { detailType: DETAIL_TYPE[message.kind], detail };
  // A change is kept beside its order (or ahead of it) if it is the newest: DESIGN §10.
  const change: ChannelChange | undefined =
    message.kind === 'received'
      ? undefined
      : {
          orderId: order.orderId,
          cancelled: message.kind === 'cancelled',
          ...(message.kind === 'updated' ? { lines: order.lines } : reason),
          ...(message.version ? { version: message.version } : {}),
        };
  const stored = await ports.inbox.accept(tenantId, order.orderId, event, change);
  const published =
    message.kind === 'received'
      ? await publishReceived(ports, tenantId, order.orderId, event, stored === 'accepted')
      : stored === 'accepted' && (await publishChange(ports, tenantId, order.orderId, event));
  return { kind: stored, orderId: order.orderId, eventId, published };
};

/**
 * An `Order Received`, published by its webhook with no second write (the sweep's intake check is
 * its liveness). A repeated delivery publishes the event as recorded again while its order is
 * undecided: the first attempt may have died between storing and publishing, and consumers drop
 * repeats by event id.
 * A failure lists it on the outbox, for the sweep to publish after the grace.
 */
const publishReceived = async (
  ports: WebhookPorts,
  tenantId: string,
  orderId: string,
  event: PublishableEvent,
  firstDelivery: boolean,
): Promise<boolean> => {
  const recorded = firstDelivery
    ? event
    : await ports.inbox.undecidedIntake(tenantId, orderId, event.detail.eventId);
  if (!recorded) return false;
  try {
    await ports.publisher.publish([recorded]);
    return true;
  } catch {
    // Still accepted: a failure to list it too leaves it to the intake check, past its grace.
    await ports.inbox.awaitSweep(tenantId, orderId, recorded).catch(() => undefined);
    return false;
  }
};

/** A channel change, listed on the outbox when stored: taken off once published. */
const publishChange = (
  ports: WebhookPorts,
  tenantId: string,
  orderId: string,
  event: PublishableEvent,
): Promise<boolean> =>
  // A failure here still accepts the webhook: the stored event waits in the outbox for the sweep.
  ports.publisher
    .publish([event])
    .then(() =>
      ports.outbox.markPublished(
        [{ tenantId, orderId, slot: inboxSlot(event.detail.eventId) }],
        ports.clock(),
      ),
    )
    .then(() => true)
    .catch(() => false);

import type { ChannelOrderMessage } from '../channels/channel-message.js';
import { INCOMING_SCHEMA_VERSION } from '../events/incoming-events.js';
import {
  type EventPublisher,
  type InboxStore,
  inboxSlot,
  type OutboxStore,
} from '../ports/event-publisher.js';
import type { Clock } from './ports.js';

export interface WebhookPorts {
  inbox: InboxStore;
  outbox: OutboxStore;
  publisher: EventPublisher;
  clock: Clock;
}

export type WebhookOutcome = {
  kind: 'accepted' | 'duplicate';
  orderId: string;
  eventId: string;
  /** False when publishing failed: the event waits in the outbox for the sweep. */
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
 * recognised by its delivery id and changes nothing.
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
  const detail =
    message.kind === 'received'
      ? { ...envelope, order }
      : message.kind === 'updated'
        ? { ...envelope, lines: order.lines }
        : { ...envelope, ...(message.cancelReason ? { reason: message.cancelReason } : {}) };
  const event = { detailType: DETAIL_TYPE[message.kind], detail };
  const stored = await ports.inbox.accept(tenantId, order.orderId, event);
  let published = false;
  if (stored === 'accepted') {
    // A failure here still accepts the webhook: the stored event waits in the outbox for the sweep.
    published = await ports.publisher
      .publish([event])
      .then(() =>
        ports.outbox.markPublished(
          [{ tenantId, orderId: order.orderId, slot: inboxSlot(eventId) }],
          ports.clock(),
        ),
      )
      .then(() => true)
      .catch(() => false);
  }
  return { kind: stored, orderId: order.orderId, eventId, published };
};

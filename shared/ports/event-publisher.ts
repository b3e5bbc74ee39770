import type { ChannelChange } from '../domain/channel-change.js';
import type { OutgoingEvent } from '../events/outgoing-events.js';

/** Publishes events; throws if any could not be published, so the outbox keeps them. */
export interface EventPublisher {
  publish(events: readonly PublishableEvent[]): Promise<void>;
}

/** Any event this service puts on the bus: outgoing decisions, or incoming ones it accepted (webhooks). */
export interface PublishableEvent {
  detailType: string;
  detail: { eventId: string; tenantId: string; occurredAt: string };
}

/**
 * Where an outbox record lives: the history entry of an order version (`slot` `v<version>`), or an
 * accepted incoming event (`slot` `in:<eventId>`).
 */
export interface OutboxRef {
  tenantId: string;
  orderId: string;
  slot: string;
}

export const historySlot = (version: number): string => `v${version}`;
export const inboxSlot = (eventId: string): string => `in:${eventId}`;

export interface OutboxEntry {
  ref: OutboxRef;
  events: PublishableEvent[];
}

/** Incoming events the service accepted itself (webhooks), kept until they are published. */
export interface InboxStore {
  /**
   * Records the event once; `duplicate` when its event id was recorded before. With a channel
   * change, the change is kept with it if it is the newest for the order: `stale` when a newer one
   * is kept, `duplicate` when the same version with the same content is (nothing is written then).
   */
  accept(
    tenantId: string,
    orderId: string,
    event: PublishableEvent,
    change?: ChannelChange,
  ): Promise<'accepted' | 'duplicate' | 'stale'>;
}

export interface OutboxStore {
  /** Entries still unpublished that were written before `writtenBefore` (ISO), oldest first. */
  listPending(writtenBefore: string, limit: number): Promise<OutboxEntry[]>;
  markPublished(refs: readonly OutboxRef[], at: string): Promise<void>;
}

export type { OutgoingEvent };

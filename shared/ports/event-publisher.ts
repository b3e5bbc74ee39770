import type { ChannelChange } from '../domain/channel-change.js';
import type { OutgoingEvent } from '../events/outgoing-events.js';
import type { ListingPage } from './listing-page.js';

/**
 * Publishes events, each on its own: one that fails does not keep the others back. Throws
 * `PublishFailedError` naming exactly the events that did not go (every other one did); any other
 * error means none is known to have gone. Either way the outbox keeps what did not go.
 */
export interface EventPublisher {
  publish(events: readonly PublishableEvent[]): Promise<void>;
}

export interface PublishFailure {
  eventId: string;
  code?: string;
  /** Sending it again can never succeed (too large, malformed): it is set aside, not retried. */
  permanent: boolean;
}

export class PublishFailedError extends Error {
  constructor(readonly failed: readonly PublishFailure[]) {
    super(`${failed.length} events could not be published`);
    this.name = 'PublishFailedError';
  }
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

/**
 * Incoming events the service accepted itself (webhooks). A channel change is on the outbox until
 * published; an `Order Received` is on the intake listing until the sweep sees its order decided,
 * and on the outbox only if its webhook could not publish it.
 */
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
  /** Puts a recorded event on the outbox, for the sweep to publish after its grace. */
  awaitSweep(tenantId: string, orderId: string, event: PublishableEvent): Promise<void>;
  /**
   * The event as recorded, while its order is undecided (a change its channel sent first is not
   * an order); undefined once the order stands decided.
   */
  undecidedIntake(tenantId: string, orderId: string, eventId: string): Promise<PublishableEvent | undefined>;
}

/** An outbox entry that can never be published as it is: kept, out of the sweep's way, listed. */
export interface SetAsideEntry {
  ref: OutboxRef;
  /** The events that failed for good. */
  eventIds: string[];
  reason: string;
}

export interface OutboxStore {
  /** Entries still unpublished that were written before `writtenBefore` (ISO), oldest first. */
  listPending(writtenBefore: string, limit: number, after?: string): Promise<ListingPage<OutboxEntry>>;
  markPublished(refs: readonly OutboxRef[], at: string): Promise<void>;
  /**
   * Takes entries off the pending list for good, keeping them, events and all, on a list of their
   * own for operators (`listSetAside`); publishing one later and marking it published clears it.
   */
  setAside(entries: readonly SetAsideEntry[], at: string): Promise<void>;
  /** Entries set aside, oldest first, with when and why. */
  listSetAside(limit: number): Promise<Array<OutboxEntry & { setAsideAt: string; reason: string }>>;
}

export type { OutgoingEvent };

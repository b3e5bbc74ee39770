import type { Decision } from '../allocation/decision.js';
import { type EventPublisher, historySlot, type OutboxStore } from '../ports/event-publisher.js';
import type { Clock } from './ports.js';

export interface PublishingPorts {
  publisher: EventPublisher;
  outbox: OutboxStore;
  clock: Clock;
}

/**
 * Publishes what committed decisions caused and takes it off the outbox. If this fails or the
 * process dies first, the entries stay in the outbox and the sweep publishes them.
 */
export const publishDecisionEvents = async (
  ports: PublishingPorts,
  decisions: readonly Decision[],
): Promise<number> => {
  const events = decisions.flatMap((decision) => decision.events);
  if (events.length === 0) return 0;
  await ports.publisher.publish(events);
  const published = new Set(events.map((event) => event.detail.orderId));
  const refs = decisions
    .flatMap((decision) => decision.history)
    .filter((entry) => published.has(entry.orderId))
    .map(({ tenantId, orderId, version }) => ({ tenantId, orderId, slot: historySlot(version) }));
  await ports.outbox.markPublished(refs, ports.clock());
  return events.length;
};

/** The sweep's part: publish outbox entries older than `graceMs` (their writer had its chance). */
export const publishPendingOutbox = async (
  ports: PublishingPorts,
  options: { graceMs: number; limit: number },
): Promise<number> => {
  const writtenBefore = new Date(Date.parse(ports.clock()) - options.graceMs).toISOString();
  const entries = await ports.outbox.listPending(writtenBefore, options.limit);
  if (entries.length === 0) return 0;
  await ports.publisher.publish(entries.flatMap((entry) => entry.events));
  await ports.outbox.markPublished(
    entries.map((entry) => entry.ref),
    ports.clock(),
  );
  return entries.reduce((sum, entry) => sum + entry.events.length, 0);
};

import type { Decision } from '../allocation/decision.js';
import {
  type EventPublisher,
  historySlot,
  type OutboxEntry,
  type OutboxRef,
  type OutboxStore,
  type PublishableEvent,
  PublishFailedError,
  type PublishFailure,
  type SetAsideEntry,
} from '../ports/event-publisher.js';
import type { AllocationPorts, Clock, CommitPublishing } from './ports.js';
import { everyPage } from './sweep-pages.js';

export interface PublishingPorts {
  publisher: EventPublisher;
  outbox: OutboxStore;
  clock: Clock;
}

/**
 * Publishes the events and answers which did not go, by event id. A failure that is not the
 * publisher's per-event report leaves nothing known to be published: it is thrown.
 */
const publishEach = async (
  publisher: EventPublisher,
  events: readonly PublishableEvent[],
): Promise<Map<string, PublishFailure>> => {
  try {
    await publisher.publish(events);
    return new Map();
  } catch (error) {
    if (!(error instanceof PublishFailedError)) throw error;
    return new Map(error.failed.map((failure) => [failure.eventId, failure]));
  }
};

/**
 * Publishes what committed decisions caused and takes off the outbox the entry of every order
 * whose events all went. If this fails or the process dies first, the rest stay in the outbox and
 * the sweep publishes them. Throws when any event did not go.
 */
export const publishDecisionEvents = async (
  ports: PublishingPorts,
  decisions: readonly Decision[],
): Promise<number> => {
  const events = decisions.flatMap((decision) => decision.events);
  if (events.length === 0) return 0;
  const failed = await publishEach(ports.publisher, events);
  const notPublished = new Set(
    events.filter((event) => failed.has(event.detail.eventId)).map((event) => event.detail.orderId),
  );
  const refs = decisions
    .flatMap((decision) => decision.history)
    .filter((entry) => !notPublished.has(entry.orderId))
    .map(({ tenantId, orderId, version }) => ({ tenantId, orderId, slot: historySlot(version) }));
  await ports.outbox.markPublished(refs, ports.clock());
  if (failed.size > 0) throw new PublishFailedError([...failed.values()]);
  return events.length;
};

/**
 * The publishing after every commit (`runDecision`): a failure is reported to `deferred` and
 * leaves the events in the outbox for the sweep, never failing the request that committed.
 */
export const publishingAfterCommit = (
  ports: PublishingPorts,
  deferred: (error: Error) => void,
): CommitPublishing => ({
  publish: (decisions) =>
    publishDecisionEvents(ports, decisions).catch((error: Error) => {
      deferred(error);
      return 0;
    }),
});

/**
 * Ports whose commits' events are held until `release` publishes them together (ten to a
 * PutEvents call), for work that commits many one-order decisions: a bulk act, the sweep.
 */
export const heldPublishing = (ports: AllocationPorts) => {
  const held: Decision[] = [];
  const hold: CommitPublishing = {
    publish: async (decisions) => {
      held.push(...decisions);
      return 0;
    },
  };
  return {
    ports: { ...ports, ...(ports.publishing ? { publishing: hold } : {}) },
    release: async (): Promise<number> => (ports.publishing ? ports.publishing.publish(held.splice(0)) : 0),
  };
};

export interface OutboxSweepResult {
  /** Events published and taken off the outbox. */
  published: number;
  /** Entries that can never be published as they are: kept, off the pending list, listed. */
  setAside: SetAsideEntry[];
  /** Entries that failed for now: the next sweep tries them again. */
  left: number;
}

const setAsideOf = (entry: OutboxEntry, failed: Map<string, PublishFailure>): SetAsideEntry | undefined => {
  const permanent = entry.events.flatMap((event) => {
    const failure = failed.get(event.detail.eventId);
    return failure?.permanent ? [failure] : [];
  });
  if (permanent.length === 0) return undefined;
  const codes = [...new Set(permanent.map((failure) => failure.code ?? 'unknown'))].join(', ');
  return {
    ref: entry.ref,
    eventIds: permanent.map((failure) => failure.eventId),
    reason: `EventBridge can never take it (${codes}): at most 256 KB of entries a call`,
  };
};

/**
 * The sweep's part: publish outbox entries older than `graceMs` (their writer had its chance), a
 * page of `limit` at a time while `hasTime` allows (one page without it). Each entry is taken off
 * as soon as all its events went; one that can never go is set aside; one that failed for now
 * stays for the next sweep. None holds back the others. A failure ends the paging, keeping what
 * the pages before it did.
 */
export const publishPendingOutbox = async (
  ports: PublishingPorts,
  options: { graceMs: number; limit: number; hasTime?: () => boolean },
): Promise<OutboxSweepResult & { failure?: unknown }> => {
  const writtenBefore = new Date(Date.parse(ports.clock()) - options.graceMs).toISOString();
  const { pages, failure } = await everyPage(
    (after) => ports.outbox.listPending(writtenBefore, options.limit, after),
    (entries) => publishOutboxEntries(ports, entries),
    options.hasTime ?? (() => false),
  );
  return {
    published: pages.reduce((sum, page) => sum + page.published, 0),
    setAside: pages.flatMap((page) => page.setAside),
    left: pages.reduce((sum, page) => sum + page.left, 0),
    ...(failure === undefined ? {} : { failure }),
  };
};

/** Publishes one page of outbox entries the sweep read. */
const publishOutboxEntries = async (
  ports: PublishingPorts,
  entries: readonly OutboxEntry[],
): Promise<OutboxSweepResult> => {
  if (entries.length === 0) return { published: 0, setAside: [], left: 0 };
  const failed = await publishEach(
    ports.publisher,
    entries.flatMap((entry) => entry.events),
  );
  const done: OutboxEntry[] = [];
  const setAside: SetAsideEntry[] = [];
  let left = 0;
  for (const entry of entries) {
    const aside = setAsideOf(entry, failed);
    if (aside) setAside.push(aside);
    else if (entry.events.some((event) => failed.has(event.detail.eventId))) left += 1;
    else done.push(entry);
  }
  const refs: OutboxRef[] = done.map((entry) => entry.ref);
  await Promise.all([
    ports.outbox.markPublished(refs, ports.clock()),
    setAside.length > 0 ? ports.outbox.setAside(setAside, ports.clock()) : undefined,
  ]);
  return {
    published: done.reduce((sum, entry) => sum + entry.events.length, 0),
    setAside,
    left,
  };
};

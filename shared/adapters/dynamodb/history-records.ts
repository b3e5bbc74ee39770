import type { HistoryEntry } from '../../domain/history.js';
import { historySlot, type PublishableEvent } from '../../ports/event-publisher.js';
import { decodeEntry, encodeEntry, type StoredEntry } from './entry-codec.js';
import { ENTITY, EntryAttr, type Item } from './items.js';
import { historyKey, outboxPartition } from './keys.js';

/**
 * Where an order's history is stored. The order item carries its latest entry, with the events
 * that decision caused (the outbox entry): an intake writes one item for the order, not two. When
 * a later decision rewrites the order, that entry moves as stored, outbox listing and all, into a
 * history item of its own (`HISTORY#<order>#<version>`), in the same transaction.
 */

type EntryKey = Pick<HistoryEntry, 'tenantId' | 'orderId' | 'version'>;

/** The attributes storing an entry and its events, listed in the outbox while any are unpublished. */
export const entryAttributes = (entry: HistoryEntry, events: readonly PublishableEvent[]): Item => ({
  [EntryAttr.entry]: encodeEntry(entry, events),
  ...(events.length > 0
    ? {
        [EntryAttr.outboxSlot]: historySlot(entry.version),
        [EntryAttr.outboxPk]: outboxPartition(`${entry.orderId}#${entry.version}`),
        [EntryAttr.outboxSk]: `${entry.at}#${entry.orderId}#${entry.version}`,
      }
    : {}),
});

/**
 * The latest entry an order item holds, as stored: the entry of the order's own version. `null`
 * for an order written before entries were kept on it, whose history is all in history items.
 */
export const latestEntryOf = (orderItem: Item): Item | null =>
  orderItem[EntryAttr.entry] === undefined
    ? null
    : Object.fromEntries(
        Object.values(EntryAttr).flatMap((name) =>
          orderItem[name] === undefined ? [] : [[name, orderItem[name]]],
        ),
      );

/** Whether a stored entry's events still wait to be published. */
export const isPending = (stored: Item): boolean => stored[EntryAttr.outboxPk] !== undefined;

/** A history item holding one entry as stored (moved from its order item, or written there). */
export const historyItem = (key: EntryKey, stored: Item): Item => ({
  ...historyKey(key.tenantId, key.orderId, key.version),
  entity: ENTITY.history,
  tenantId: key.tenantId,
  orderId: key.orderId,
  version: key.version,
  ...stored,
});

/** The entry and events an order or history item stores; `undefined` when it stores none. */
export const storedEntryOf = (item: Item): StoredEntry | undefined => {
  const bytes = item[EntryAttr.entry];
  if (bytes !== undefined) {
    const key = {
      tenantId: String(item.tenantId),
      orderId: String(item.orderId),
      version: Number(item.version),
    };
    return decodeEntry(bytes as Uint8Array, key);
  }
  if (item.entity !== ENTITY.history) return undefined;
  // Written before entries were encoded: the item's own attributes are the entry.
  const { pk: _pk, sk: _sk, entity: _entity, events, ...rest } = item;
  const entry = Object.fromEntries(
    Object.entries(rest).filter(([name]) => !(Object.values(EntryAttr) as string[]).includes(name)),
  );
  return {
    entry: entry as unknown as HistoryEntry,
    events: (events as PublishableEvent[] | undefined) ?? [],
  };
};

const historySortKey = (entry: EntryKey): string =>
  historyKey(entry.tenantId, entry.orderId, entry.version).sk;

/** Every entry the items store, in the order a Query of the history items alone returns them. */
export const historyOf = (items: readonly Item[]): HistoryEntry[] =>
  items
    .flatMap((item) => storedEntryOf(item)?.entry ?? [])
    .map((entry) => ({ entry, sortKey: historySortKey(entry) }))
    // DynamoDB orders sort keys by their bytes, not by locale.
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ entry }) => entry);

/** The events an outbox item lists: an order or history item's entry, or an accepted incoming event. */
export const outboxEventsOf = (item: Item): PublishableEvent[] =>
  storedEntryOf(item)?.events ?? (item.events as PublishableEvent[] | undefined) ?? [];

import type { OrderChange } from '../../allocation/decision.js';
import type { HistoryEntry } from '../../domain/history.js';
import type { PublishableEvent } from '../../ports/event-publisher.js';
import {
  allOf,
  type Condition,
  conditionFields,
  earlyChangeSeqIs,
  itemIsNew,
  outboxClear,
  outboxPending,
  versionIs,
} from './conditions.js';
import type { TransactItem } from './decision-writes.js';
import { entryAttributes, historyItem, isPending } from './history-records.js';
import type { RankFor } from './holding-records.js';
import { type Item, orderItem } from './items.js';
import { orderIndexAttributes } from './waiting-records.js';

export const put = (tableName: string, item: Item, condition?: Condition): TransactItem => ({
  Put: { TableName: tableName, Item: item, ...conditionFields(condition) },
});

/**
 * The writes of one changed order: the order item, holding its new latest history entry and the
 * events that decision caused, and the entry it held until now, moved as stored into a history
 * item of its own. The order is replaced only if it is still as read: the same version, and its
 * entry's events still unpublished, or still published, as they were. History is never edited:
 * its items are only ever created.
 *
 * `previous` is the latest entry the order item held when it was read (`null`: none). The order
 * item also stands among the holders of its first held SKU, or in one SKU's queue (waiting-records.ts).
 */
export const orderWrites = (
  tableName: string,
  { before, after }: OrderChange,
  entries: readonly HistoryEntry[],
  events: readonly PublishableEvent[],
  previous: Item | null,
  rankFor: RankFor,
): TransactItem[] => {
  // Decisions merged into one commit leave an entry each: the last is the one of the order's version.
  const earlier = [...entries].sort((a, b) => a.version - b.version);
  const latest = earlier.pop();
  if (latest?.version !== after.version) {
    throw new Error(`Order ${after.orderId} has no history entry for version ${after.version}`);
  }
  // A new order must not miss a change its channel sent before it (DESIGN §10), kept under the
  // order's own key: it lands over the one intake read, or over nothing.
  const unchangedSinceRead = before
    ? allOf(versionIs(before.version), previous && isPending(previous) ? outboxPending() : outboxClear())
    : after.channelChangeSeq
      ? earlyChangeSeqIs(after.channelChangeSeq)
      : itemIsNew();
  const writes = [
    put(
      tableName,
      { ...orderItem(after), ...orderIndexAttributes(after, rankFor), ...entryAttributes(latest, events) },
      unchangedSinceRead,
    ),
  ];
  if (before && previous) writes.push(put(tableName, historyItem(before, previous), itemIsNew()));
  for (const entry of earlier) {
    writes.push(put(tableName, historyItem(entry, entryAttributes(entry, [])), itemIsNew()));
  }
  return writes;
};

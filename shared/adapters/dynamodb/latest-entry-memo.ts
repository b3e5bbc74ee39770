import type { Decision } from '../../allocation/decision.js';
import type { SaleOrder } from '../../domain/order.js';
import { WriteConflictError } from '../../ports/backorder-repository.js';
import { latestEntryOf } from './history-records.js';
import { type Item, orderFromItem } from './items.js';
import { type ItemKey, orderKey } from './keys.js';

/** Enough for every order one decision reads; older ones are read again if they are needed. */
const MAX_REMEMBERED = 5_000;

const versionKey = (order: Pick<SaleOrder, 'tenantId' | 'orderId' | 'version'>): string =>
  `${order.tenantId}\u0000${order.orderId}\u0000${order.version}`;

/**
 * The latest history entry each order item held when it was read, kept until a decision commits.
 * A decision that rewrites an order moves that entry into a history item of its own, and the
 * orders the decision was made from do not carry it: only the adapter saw it.
 *
 * Remembered by order version, so reads of different versions never mix. The one thing that can
 * change under a version, its events being published, the commit's condition checks.
 */
export class LatestEntryMemo {
  private readonly entries = new Map<string, Item | null>();

  /** Remembers the entry of an order item read consistently (an index may be behind). */
  remember(orderItem: Item): void {
    const key = versionKey({
      tenantId: String(orderItem.tenantId),
      orderId: String(orderItem.orderId),
      version: Number(orderItem.version),
    });
    this.entries.delete(key);
    this.entries.set(key, latestEntryOf(orderItem));
    if (this.entries.size > MAX_REMEMBERED) this.entries.delete(this.entries.keys().next().value as string);
  }

  /**
   * The stored latest entry of each order the decision rewrites, by order id (`null`: it has
   * none), reading whichever orders were not remembered. An order no longer at the version the
   * decision was made from has moved on: that is a conflict, as the commit's condition would say.
   */
  async entriesRewrittenBy(
    decision: Decision,
    read: (keys: ItemKey[]) => Promise<Item[]>,
  ): Promise<Map<string, Item | null>> {
    const rewritten = decision.orders.flatMap(({ before }) => (before ? [before] : []));
    const unknown = rewritten.filter((order) => !this.entries.has(versionKey(order)));
    const found = unknown.length > 0 ? await read(unknown.map((o) => orderKey(o.tenantId, o.orderId))) : [];
    for (const item of found) this.remember(item);
    const entries = new Map<string, Item | null>();
    for (const order of rewritten) {
      const entry = this.entries.get(versionKey(order));
      if (entry === undefined) {
        throw new WriteConflictError(
          `Order ${order.orderId} changed since version ${order.version} was read`,
          { stock: [], orders: found.map(orderFromItem) },
          false,
        );
      }
      entries.set(order.orderId, entry);
    }
    return entries;
  }

  /** Forgets the versions a committed decision replaced: no order will be at them again. */
  forgetRewrittenBy(decision: Decision): void {
    for (const { before } of decision.orders) if (before) this.entries.delete(versionKey(before));
  }
}

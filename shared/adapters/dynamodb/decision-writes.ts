import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Decision, StockMovement } from '../../allocation/decision.js';
import type { StockTarget } from '../../allocation/serve-waiting.js';
import type { HistoryEntry } from '../../domain/history.js';
import type { OutgoingEvent } from '../../events/outgoing-events.js';
import { extraHeldSkus, holdItem, type RankFor } from './holding-records.js';
import { type Item, waitItem } from './items.js';
import { holdKey, rootOrderId, waitKey } from './keys.js';
import { orderWrites, put } from './order-writes.js';
import { waitItemSkus, waitingSkus } from './waiting-records.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The writes of one order family (or of the stock alone) that must land together. Each unit
 * leaves every invariant true on its own, so a decision too large for one transaction can be
 * committed unit by unit.
 */
export interface WriteUnit {
  /** The family root, or `stock` for what no order caused. */
  label: string;
  items: TransactItem[];
  /** Writes that are harmless ahead of the rest (new waiting items: readers check the order itself). */
  early: TransactItem[];
  /** Writes that are harmless after the rest (waiting items no longer needed, for the same reason). */
  late: TransactItem[];
  movements: StockMovement[];
  /**
   * Stock levels an order of the unit starts waiting on, listed for the sweep with its writes: the
   * decision may have read the level before a receipt freed it and served a queue the order was
   * not yet in (stock-updates.ts, stockWrites).
   */
  listed: StockTarget[];
}

export interface DecisionWriteOptions {
  tableName: string;
  tenantId: string;
  /** The waiting-index sort key of an order in one SKU's queue (and among its holders). */
  rankFor: RankFor;
  /**
   * The latest history entry each order the decision rewrites held when it was read, by order id
   * (`null`: none); it moves into a history item of its own (order-writes.ts).
   */
  previousEntries: ReadonlyMap<string, Item | null>;
}

/** Splits a decision into write units: one for the stock alone, one per order family. */
export const decisionUnits = (decision: Decision, options: DecisionWriteOptions): WriteUnit[] => {
  const { tableName, tenantId } = options;
  const stockUnit: WriteUnit = { label: 'stock', items: [], early: [], late: [], movements: [], listed: [] };
  const units = new Map<string, WriteUnit>();
  const unitFor = (orderId: string) => {
    const root = rootOrderId(orderId);
    let unit = units.get(root);
    if (!unit) {
      unit = { label: root, items: [], early: [], late: [], movements: [], listed: [] };
      units.set(root, unit);
    }
    return unit;
  };

  const eventsByOrder = new Map<string, OutgoingEvent[]>();
  for (const event of decision.events) {
    eventsByOrder.set(event.detail.orderId, [...(eventsByOrder.get(event.detail.orderId) ?? []), event]);
  }
  const historyByOrder = new Map<string, HistoryEntry[]>();
  for (const entry of decision.history) {
    historyByOrder.set(entry.orderId, [...(historyByOrder.get(entry.orderId) ?? []), entry]);
  }

  for (const change of decision.orders) {
    const { before, after } = change;
    const unit = unitFor(after.orderId);
    const previous = before ? options.previousEntries.get(after.orderId) : null;
    if (previous === undefined) throw new Error(`Order ${after.orderId} was rewritten unread`);
    unit.items.push(
      ...orderWrites(
        tableName,
        change,
        historyByOrder.get(after.orderId) ?? [],
        eventsByOrder.get(after.orderId) ?? [],
        previous,
        options.rankFor,
      ),
    );
    const wasWaiting = new Set(waitingSkus(before));
    for (const sku of waitingSkus(after)) {
      if (!wasWaiting.has(sku)) unit.listed.push({ warehouseId: after.warehouseId, sku });
    }
    const waitItemsBefore = waitItemSkus(before);
    const waitItemsAfter = waitItemSkus(after);
    // An order short of a hundred SKUs must still fit its last transaction when it is oversized.
    for (const sku of waitItemsAfter) {
      if (!waitItemsBefore.has(sku))
        unit.early.push(put(tableName, waitItem(after, sku, options.rankFor(after, sku))));
    }
    for (const sku of waitItemsBefore) {
      if (!waitItemsAfter.has(sku))
        unit.late.push({ Delete: { TableName: tableName, Key: waitKey(tenantId, after.orderId, sku) } });
    }
    // Holders are read as candidates and the orders themselves re-read, like waiting items.
    const heldBefore = extraHeldSkus(before);
    const heldAfter = extraHeldSkus(after);
    for (const sku of heldAfter) {
      if (!heldBefore.has(sku))
        unit.early.push(put(tableName, holdItem(after, sku, options.rankFor(after, sku))));
    }
    for (const sku of heldBefore) {
      if (!heldAfter.has(sku))
        unit.late.push({ Delete: { TableName: tableName, Key: holdKey(tenantId, after.orderId, sku) } });
    }
  }
  for (const movement of decision.movements) {
    (movement.orderId ? unitFor(movement.orderId) : stockUnit).movements.push(movement);
  }
  const all = [stockUnit, ...units.values()];
  return all.filter(
    (unit) => unit.items.length + unit.early.length + unit.late.length + unit.movements.length > 0,
  );
};

/** Net change a unit makes to available stock: units that free stock are committed first. */
export const availableDelta = (unit: WriteUnit): number =>
  unit.movements.reduce((sum, movement) => sum + movement.onHandDelta - movement.allocatedDelta, 0);

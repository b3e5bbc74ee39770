import type { StockMovement } from '../../allocation/decision.js';
import type { StockTarget } from '../../allocation/serve-waiting.js';
import { stockKey } from '../../domain/stock.js';
import {
  allOf,
  allocatedCovers,
  availableCovers,
  type Condition,
  conditionFields,
  onHandCovers,
} from './conditions.js';
import type { TransactItem } from './decision-writes.js';
import { stockItemKey, timerPartition } from './keys.js';
import { TableAttr } from './table-schema.js';

export interface NetMovement {
  warehouseId: string;
  sku: string;
  onHand: number;
  allocated: number;
}

/** Adds movements up per stock level: a transaction may touch each item only once. */
export const netMovements = (movements: readonly StockMovement[]): NetMovement[] => {
  const net = new Map<string, NetMovement>();
  for (const movement of movements) {
    const key = stockKey(movement.warehouseId, movement.sku);
    const total = net.get(key) ?? {
      warehouseId: movement.warehouseId,
      sku: movement.sku,
      onHand: 0,
      allocated: 0,
    };
    total.onHand += movement.onHandDelta;
    total.allocated += movement.allocatedDelta;
    net.set(key, total);
  }
  return [...net.values()].filter((total) => total.onHand !== 0 || total.allocated !== 0);
};

export const reversed = (movement: NetMovement): NetMovement => ({
  ...movement,
  onHand: -movement.onHand,
  allocated: -movement.allocated,
});

/**
 * One conditional stock write. Deltas commute, so concurrent writers of one SKU only collide when
 * the stock would run out; the conditions make `available`, `onHand` and `allocated` never go
 * below zero at the moment of the write.
 *
 * A write that frees stock (at `freedAt`) also lists the level in the sparse `timers` index, due at
 * once, in the same transaction: if serving its waiting orders is then lost (a crash, an event
 * never delivered again), the sweep finds the SKU there, whatever the backlog, serves its queue
 * and takes the listing off (freeStockListing).
 */
export const stockUpdate = (
  tableName: string,
  tenantId: string,
  movement: NetMovement,
  freedAt?: string,
  /** Lists the level at `freedAt` even if this write frees nothing (stockWrites). */
  listAnyway = false,
): TransactItem => {
  const available = movement.onHand - movement.allocated;
  const listed = (available > 0 || listAnyway) && freedAt !== undefined;
  const pieces: Condition[] = [];
  if (available < 0) pieces.push(availableCovers(-available));
  if (movement.onHand < 0) pieces.push(onHandCovers(-movement.onHand));
  if (movement.allocated < 0) pieces.push(allocatedCovers(-movement.allocated));
  const condition = allOf(...pieces);
  return {
    Update: {
      TableName: tableName,
      Key: stockItemKey(tenantId, movement.warehouseId, movement.sku),
      UpdateExpression:
        'ADD #onHand :onHandDelta, #allocated :allocatedDelta, #available :availableDelta SET #entity = :entity, #tenantId = :tenantId, #warehouseId = :warehouseId, #sku = :sku' +
        (listed ? ', #timerPk = :timerPk, #timerSk = :timerSk' : ''),
      ...conditionFields(condition),
      ExpressionAttributeNames: {
        ...condition?.names,
        '#onHand': 'onHand',
        '#allocated': 'allocated',
        '#available': 'available',
        '#entity': 'entity',
        '#tenantId': 'tenantId',
        '#warehouseId': 'warehouseId',
        '#sku': 'sku',
        ...(listed ? { '#timerPk': TableAttr.timerPk, '#timerSk': TableAttr.timerSk } : {}),
      },
      ExpressionAttributeValues: {
        ...condition?.values,
        ':onHandDelta': movement.onHand,
        ':allocatedDelta': movement.allocated,
        ':availableDelta': available,
        ':entity': 'stock',
        ':tenantId': tenantId,
        ':warehouseId': movement.warehouseId,
        ':sku': movement.sku,
        ...(listed ? freeStockListing(tenantId, movement.warehouseId, movement.sku, freedAt) : {}),
      },
    },
  };
};

/**
 * The stock writes of a transaction: one per level, its net movement, and the listing of each
 * level in `listed` (levels an order starts waiting on). An order's decision may have read its
 * SKU's level before a receipt freed stock and served a queue the order was not yet in; and the
 * sweep may have taken the receipt's listing off before the order lands. Listing the level with
 * the order's own writes leaves the sweep one listing to find, whatever the backlog: if nothing is
 * free by then it reads the listing alone and takes it off.
 */
export const stockWrites = (
  tableName: string,
  tenantId: string,
  movements: readonly StockMovement[],
  listed: readonly StockTarget[],
  at: string,
): TransactItem[] => {
  const net = netMovements(movements);
  const toList = new Set(listed.map((level) => stockKey(level.warehouseId, level.sku)));
  const moved = new Set(net.map((movement) => stockKey(movement.warehouseId, movement.sku)));
  const listingOnly = [...new Map(listed.map((level) => [stockKey(level.warehouseId, level.sku), level]))]
    .filter(([key]) => !moved.has(key))
    .map(([, level]) => ({ ...level, onHand: 0, allocated: 0 }));
  return [...net, ...listingOnly].map((movement) =>
    stockUpdate(tableName, tenantId, movement, at, toList.has(stockKey(movement.warehouseId, movement.sku))),
  );
};

/** The `timers` index keys of a stock level freed at `freedAt`, as `:timerPk` and `:timerSk`. */
const freeStockListing = (tenantId: string, warehouseId: string, sku: string, freedAt: string) => ({
  ':timerPk': timerPartition(`${tenantId}#${warehouseId}#${sku}`),
  ':timerSk': `${freedAt}#${tenantId}#stock#${warehouseId}#${sku}`,
});

import type { InboundSupply } from '../domain/inbound.js';
import { type SaleOrder, shortfall } from '../domain/order.js';
import { type LinePromise, SupplyWalk } from './supply-walk.js';

/** One SKU's queue at one warehouse: its waiting orders in the queue's policy order. */
export interface SkuQueue {
  warehouseId: string;
  sku: string;
  orders: readonly SaleOrder[];
}

/** `<warehouse>\0<sku>\0<order>` → the promise to that order's lines of that SKU. */
export type ExpectedDates = Map<string, LinePromise>;

export const promiseKey = (warehouseId: string, sku: string, orderId: string): string =>
  `${warehouseId}\u0000${sku}\u0000${orderId}`;

/** Units of `sku` the order still waits for (its lines of that SKU together); 0 unless Awaiting Stock. */
export const waitingUnits = (order: SaleOrder, sku: string): number =>
  order.status !== 'AwaitingStock'
    ? 0
    : order.lines.filter((line) => line.sku === sku).reduce((sum, line) => sum + shortfall(line), 0);

/**
 * Walks each SKU queue against the open supply of that SKU at the queue's warehouse only (supply
 * elsewhere never covers it), serving the queue in order and the supply in ETA order.
 */
export const expectedDates = (
  queues: readonly SkuQueue[],
  supply: readonly InboundSupply[],
): ExpectedDates => {
  const dates: ExpectedDates = new Map();
  for (const queue of queues) {
    const walk = new SupplyWalk(
      supply.filter((each) => each.warehouseId === queue.warehouseId && each.sku === queue.sku),
    );
    for (const order of queue.orders) {
      const units = waitingUnits(order, queue.sku);
      if (units > 0) dates.set(promiseKey(queue.warehouseId, queue.sku, order.orderId), walk.take(units));
    }
  }
  return dates;
};

/**
 * What `units` more of `sku` would be promised behind the orders `ahead` (in queue order) at one
 * warehouse: the same walk as `expectedDates`, for an order whose own shortfall is still being
 * decided (a split's verdict).
 */
export const promiseBehind = (
  ahead: readonly SaleOrder[],
  sku: string,
  units: number,
  supply: readonly InboundSupply[],
): LinePromise => {
  const walk = new SupplyWalk(supply.filter((each) => each.sku === sku));
  for (const order of ahead) {
    const waiting = waitingUnits(order, sku);
    if (waiting > 0) walk.take(waiting);
  }
  return walk.take(units);
};

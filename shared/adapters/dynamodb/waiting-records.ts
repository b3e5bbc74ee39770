/**
 * Where a waiting order stands in its SKUs' queues (the `waiting` index under `waitingPartition`).
 * An order item carries one pair of `waiting` index keys: an order that holds stock stands with
 * them among the holders of its first held SKU (holding-records.ts); one that holds nothing stands
 * in the queue of its first short SKU, so a queue read finds the order itself and reads no second
 * item for it. A wait item stands for each other SKU the order waits for.
 */
import { type SaleOrder, shortLines } from '../../domain/order.js';
import { heldSkus, orderHoldingAttributes, type RankFor } from './holding-records.js';
import type { Item } from './items.js';
import { waitingPartition } from './keys.js';
import { TableAttr } from './table-schema.js';

/** The SKUs the order waits for, sorted (none unless Awaiting Stock). */
export const waitingSkus = (order: SaleOrder | null): string[] =>
  order?.status === 'AwaitingStock' ? [...new Set(shortLines(order).map((line) => line.sku))].sort() : [];

/** The SKU whose queue the order item itself stands in, if any. */
const queueOfOrderItem = (order: SaleOrder): string | undefined =>
  heldSkus(order).length === 0 ? waitingSkus(order)[0] : undefined;

/** The `waiting` index attributes an order item carries: among holders, or in a queue, or none. */
export const orderIndexAttributes = (order: SaleOrder, rankFor: RankFor): Item => {
  const queue = queueOfOrderItem(order);
  return queue === undefined
    ? orderHoldingAttributes(order, rankFor)
    : {
        [TableAttr.waitPk]: waitingPartition(order.tenantId, order.warehouseId, queue),
        [TableAttr.waitSk]: rankFor(order, queue),
      };
};

/** The SKUs the order waits for that need a wait item of their own. */
export const waitItemSkus = (order: SaleOrder | null): Set<string> => {
  const queue = order ? queueOfOrderItem(order) : undefined;
  return new Set(waitingSkus(order).filter((sku) => sku !== queue));
};

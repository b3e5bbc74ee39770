/**
 * Who holds a SKU's stock and may give it back: every Ready to Pick or Awaiting Stock order with
 * units of the SKU allocated, on the `waiting` index under `holdingPartition`, ranked as in the
 * SKU's queue, so a downward adjustment reads the holders lowest priority first (descending) and
 * only as many as it needs. The order item itself stands for its first held SKU (an order of one
 * SKU costs no extra item); a hold item stands for each further one.
 */
import { isStockManaged, type SaleOrder } from '../../domain/order.js';
import { ENTITY, type Item } from './items.js';
import { holdingPartition, holdKey } from './keys.js';
import { TableAttr } from './table-schema.js';

const RECLAIMABLE: ReadonlySet<SaleOrder['status']> = new Set(['ReadyToPick', 'AwaitingStock']);

export type RankFor = (order: SaleOrder, sku: string) => string;

/** The SKUs the order holds stock of and may give back, sorted: the first is on the order item. */
export const heldSkus = (order: SaleOrder | null): string[] =>
  order && RECLAIMABLE.has(order.status)
    ? [
        ...new Set(
          order.lines
            .filter(isStockManaged)
            .filter((line) => line.allocated > 0)
            .map((line) => line.sku),
        ),
      ].sort()
    : [];

/** The index attributes an order item carries for its first held SKU, if any. */
export const orderHoldingAttributes = (order: SaleOrder, rankFor: RankFor): Item => {
  const [first] = heldSkus(order);
  return first === undefined
    ? {}
    : {
        [TableAttr.waitPk]: holdingPartition(order.tenantId, order.warehouseId, first),
        [TableAttr.waitSk]: rankFor(order, first),
      };
};

/** The SKUs beyond the first: each has a hold item of its own. */
export const extraHeldSkus = (order: SaleOrder | null): Set<string> => new Set(heldSkus(order).slice(1));

export const holdItem = (order: SaleOrder, sku: string, rank: string): Item => ({
  ...holdKey(order.tenantId, order.orderId, sku),
  entity: ENTITY.hold,
  tenantId: order.tenantId,
  orderId: order.orderId,
  sku,
  [TableAttr.waitPk]: holdingPartition(order.tenantId, order.warehouseId, sku),
  [TableAttr.waitSk]: rank,
});

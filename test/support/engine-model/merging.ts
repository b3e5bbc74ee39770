import type { SaleOrder } from '../../../shared/domain/order.js';
import { changedOrders, must, type StepFacts } from './checks.js';
import { tally } from './coverage.js';
import { policyOf } from './policy-model.js';

/** The order a backorder ships with: its parent, or the first ancestor that was not merged. */
const shipmentOf = (orders: ReadonlyMap<string, SaleOrder>, order: SaleOrder): SaleOrder | undefined => {
  let parent = order.parentId ? orders.get(order.parentId) : undefined;
  while (parent?.status === 'Merged') parent = parent.parentId ? orders.get(parent.parentId) : undefined;
  return parent;
};

/**
 * DESIGN §14 merge siblings, after any decision: no backorder this decision changed is left Ready to
 * Pick beside a Ready to Pick parent whose policy merges siblings; a `Merged` order holds nothing
 * and ships nothing (its units are on the order it merged into, which the family sums check).
 */
export const checkMerging = ({ pre, post, config }: StepFacts): void => {
  const changed = new Set([
    ...changedOrders(pre, post).map((order) => order.orderId),
    ...[...post.orders.keys()].filter((id) => !pre.orders.has(id)),
  ]);
  for (const order of post.orders.values()) {
    if (order.status === 'Merged') {
      if (changed.has(order.orderId)) tally('siblings merged');
      must(
        order.lines.every((line) => line.quantity === 0 && line.allocated === 0),
        () => `${order.orderId} is Merged but still has units`,
      );
      continue;
    }
    if (order.status !== 'ReadyToPick' || !order.parentId) continue;
    const parent = shipmentOf(post.orders, order);
    if (parent?.status !== 'ReadyToPick') continue;
    if (!changed.has(order.orderId) && !changed.has(parent.orderId)) continue;
    // A pair whose line the channel moved to another SKU on one side only ships as it is.
    const linesFit = order.lines.every((line) =>
      parent.lines.every((candidate) => candidate.lineId !== line.lineId || candidate.sku === line.sku),
    );
    must(
      !policyOf(config, parent).mergeSiblings || !linesFit,
      () => `${order.orderId} and its parent ${parent.orderId} are both Ready to Pick but did not merge`,
    );
  }
};

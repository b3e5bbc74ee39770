import { isFullyAllocated, type SaleOrder, shortfall, shortLines } from '../domain/order.js';
import { fairShares } from './fair-share.js';
import { holdsPartialStock, policyForOrder } from './order-policy.js';
import type { StockTarget } from './serve-waiting.js';
import { settleShortOrder } from './settle-short-order.js';
import type { Workspace } from './workspace.js';

const shortOf = (order: SaleOrder, sku: string): number =>
  shortLines(order)
    .filter((line) => line.sku === sku)
    .reduce((sum, line) => sum + shortfall(line), 0);

/**
 * Fair share (DESIGN §14): when the free units of a SKU cannot cover its waiting orders, they are
 * divided in proportion to each order's shortfall, by largest remainder, ties in queue order.
 * Only orders that take stock automatically and may hold part of what they need share; the others
 * (all-or-nothing, manual review) wait for stock that can complete them. Returns `false`, changing
 * nothing, when the stock is not scarce (the queue pass then serves everyone).
 */
export const shareScarceStock = (
  ws: Workspace,
  { warehouseId, sku }: StockTarget,
  queue: readonly SaleOrder[],
  trigger: string,
): boolean => {
  const sharing = queue.filter((order) => {
    const policy = policyForOrder(ws, order).values;
    return policy.autoAllocate && holdsPartialStock(policy);
  });
  const free = ws.available(warehouseId, sku);
  const demands = sharing.map((order) => ({ id: order.orderId, shortfall: shortOf(order, sku) }));
  const total = demands.reduce((sum, demand) => sum + demand.shortfall, 0);
  if (free <= 0 || free >= total) return false;
  const shares = fairShares(free, demands);
  for (const order of sharing) {
    const share = shares.get(order.orderId) ?? 0;
    if (share === 0) continue;
    const why = `Fair share from ${trigger}: ${share} of ${free} × ${sku}, by shortfall ${shortOf(order, sku)} of ${total}.`;
    let left = share;
    for (const line of shortLines(order).filter((short) => short.sku === sku)) {
      const units = Math.min(shortfall(line), left);
      ws.allocate(order, line, units, why);
      left -= units;
    }
    const policy = policyForOrder(ws, order);
    if (isFullyAllocated(order)) {
      order.status = 'ReadyToPick';
      order.fillable = false;
      order.splitDueAt = undefined;
      ws.note(order, 'allocated', `Fully allocated by ${why.charAt(0).toLowerCase()}${why.slice(1)}`, policy);
    } else {
      ws.note(order, 'allocated', `Partly allocated: ${why}`, policy);
      settleShortOrder(ws, order, policy);
    }
  }
  return true;
};

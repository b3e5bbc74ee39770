import { StockConflictError } from '../domain/errors.js';
import { isStockManaged, type SaleOrder } from '../domain/order.js';
import { queuePriority } from '../policy/resolve-policy.js';
import { trimToWholeKits } from './kit-allocation.js';
import { holdsPartialStock, policyForOrder } from './order-policy.js';
import { type StockTarget, serveWaitingOrders } from './serve-waiting.js';
import { compareWaiting } from './waiting-queue.js';
import type { Workspace } from './workspace.js';

const RECLAIMABLE: ReadonlySet<SaleOrder['status']> = new Set(['ReadyToPick', 'AwaitingStock']);

/**
 * Takes `excess` allocated units of one SKU back from the lowest-priority orders that are not yet
 * in fulfilment (nor held by a person); they return to Awaiting Stock. Refuses, changing nothing,
 * when the rest of the allocation is locked.
 */
export const takeBackAllocations = (
  ws: Workspace,
  target: StockTarget,
  excess: number,
  trigger: string,
): void => {
  const { warehouseId, sku } = target;
  const holders = ws
    .orders()
    .filter(
      (order) =>
        RECLAIMABLE.has(order.status) &&
        order.warehouseId === warehouseId &&
        order.lines.some((line) => line.sku === sku && line.allocated > 0),
    )
    .sort(compareWaiting(queuePriority(ws.context.policies, sku)))
    .reverse();

  let remaining = excess;
  const freed: StockTarget[] = [];
  for (const order of holders) {
    if (remaining === 0) break;
    for (const line of order.lines.filter(isStockManaged).filter((candidate) => candidate.sku === sku)) {
      const take = Math.min(line.allocated, remaining);
      ws.allocate(order, line, -take, `Taken back by ${trigger}: on hand fell below allocated.`);
      remaining -= take;
    }
    // A kit that lost a component keeps whole kits only: the other components it gives up are
    // free now, so they go to the orders waiting for them (DESIGN §14, rule 2).
    const held = new Map(order.lines.map((line) => [line.lineId, line.allocated]));
    trimToWholeKits(ws, order);
    for (const line of order.lines.filter(isStockManaged))
      if (line.allocated < (held.get(line.lineId) ?? 0)) freed.push({ warehouseId, sku: line.sku });
    const policy = policyForOrder(ws, order);
    if (!holdsPartialStock(policy.values)) {
      for (const line of order.lines.filter(isStockManaged).filter((candidate) => candidate.allocated > 0)) {
        freed.push({ warehouseId, sku: line.sku });
        ws.allocate(
          order,
          line,
          -line.allocated,
          'Released: this order holds nothing until it can be completed.',
        );
      }
    }
    order.status = 'AwaitingStock';
    order.fillable = false;
    ws.note(order, 'allocationTakenBack', `Stock taken back by ${trigger}; waiting again.`, policy);
  }
  if (remaining > 0) {
    throw new StockConflictError(
      `${remaining} units of ${sku} are allocated to orders in fulfilment or on hold and cannot be taken back`,
      { warehouseId, sku, shortBy: remaining },
    );
  }
  // Units an all-or-nothing order gave back beyond the excess are free again, this SKU's included.
  serveWaitingOrders(ws, freed, { trigger: `stock released by ${trigger}` });
};

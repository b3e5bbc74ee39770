import { isStockManaged, type SaleOrder, shortfall, shortLines } from '../domain/order.js';
import { queuePriority } from '../policy/resolve-policy.js';
import { holdsPartialStock, policyForOrder } from './order-policy.js';
import { type StockTarget, serveWaitingOrders } from './serve-waiting.js';
import { DONOR_STATUSES, DONOR_STRATEGIES, losesToWinners, strategyOf } from './strategy.js';
import { compareWaiting } from './waiting-queue.js';
import type { Workspace } from './workspace.js';

interface Take {
  donor: SaleOrder;
  sku: string;
  units: number;
}

const heldOf = (order: SaleOrder, sku: string): number =>
  order.lines.filter((line) => line.sku === sku).reduce((sum, line) => sum + line.allocated, 0);

/**
 * The orders a `win` order may take a SKU from, in the order it takes: `lose` before
 * `redistribute`, each lowest priority first; never one in fulfilment or on hold (DESIGN §14).
 */
const donorsOf = (ws: Workspace, winner: SaleOrder, sku: string): SaleOrder[] => {
  const byQueue = compareWaiting(queuePriority(ws.context.policies, sku));
  const tier = (order: SaleOrder) => DONOR_STRATEGIES.indexOf(strategyOf(ws, order));
  return ws
    .orders()
    .filter(
      (order) =>
        order.orderId !== winner.orderId &&
        DONOR_STATUSES.has(order.status) &&
        order.warehouseId === winner.warehouseId &&
        heldOf(order, sku) > 0 &&
        losesToWinners(strategyOf(ws, order)),
    )
    .sort((a, b) => tier(a) - tier(b) || byQueue(b, a));
};

/** What completing the winner would take from whom, or `null` when even taking cannot complete it. */
const planTakes = (ws: Workspace, winner: SaleOrder, free: (sku: string) => number): Take[] | null => {
  const needs = new Map<string, number>();
  for (const line of shortLines(winner)) needs.set(line.sku, (needs.get(line.sku) ?? 0) + shortfall(line));
  const takes: Take[] = [];
  for (const [sku, need] of needs) {
    let missing = need - Math.max(0, free(sku));
    for (const donor of missing > 0 ? donorsOf(ws, winner, sku) : []) {
      const units = Math.min(heldOf(donor, sku), missing);
      takes.push({ donor, sku, units });
      missing -= units;
      if (missing === 0) break;
    }
    if (missing > 0) return null;
  }
  return takes;
};

/**
 * Completes a `win` order by taking from `lose` and `redistribute` orders only as much as free
 * stock lacks. A `win` order must be complete: when even taking cannot complete it, nothing
 * changes and `false` is returned. Losers return to Awaiting Stock with history naming the winner;
 * a loser that may hold nothing while waiting gives the rest back, and that stock serves the queue.
 */
export const takeForWinner = (
  ws: Workspace,
  winner: SaleOrder,
  trigger: string,
  free: (sku: string) => number = (sku) => ws.available(winner.warehouseId, sku),
): boolean => {
  const takes = planTakes(ws, winner, free);
  if (!takes) return false;
  const lost = new Map<SaleOrder, string[]>();
  for (const { donor, sku, units } of takes) {
    const why = `strategy win over ${strategyOf(ws, donor)}`;
    let left = units;
    for (const line of donor.lines.filter((line) => line.sku === sku && line.allocated > 0)) {
      const take = Math.min(line.allocated, left);
      if (!isStockManaged(line) || take === 0) continue;
      ws.allocate(donor, line, -take, `Taken by order ${winner.orderId}: ${why}.`);
      left -= take;
    }
    lost.set(donor, [...(lost.get(donor) ?? []), `${units} × ${sku}`]);
  }
  const freed: StockTarget[] = [];
  for (const [donor, what] of lost) {
    const policy = policyForOrder(ws, donor);
    if (!holdsPartialStock(policy.values)) {
      for (const line of donor.lines.filter(isStockManaged).filter((line) => line.allocated > 0)) {
        freed.push({ warehouseId: donor.warehouseId, sku: line.sku });
        ws.allocate(
          donor,
          line,
          -line.allocated,
          'Released: this order holds nothing until it can be completed.',
        );
      }
    }
    donor.status = 'AwaitingStock';
    donor.fillable = false;
    ws.note(
      donor,
      'stockLost',
      `Lost ${what.join(', ')} to order ${winner.orderId} (strategy win over ${policy.values.strategy}); waiting again.`,
      policy,
    );
  }
  const took = takes.map(
    ({ donor, sku, units }) =>
      `took ${units} × ${sku} from order ${donor.orderId}: strategy win over ${strategyOf(ws, donor)}`,
  );
  for (const line of shortLines(winner)) {
    ws.allocate(
      winner,
      line,
      shortfall(line),
      took.length > 0 ? `Completed from ${trigger}; ${took.join('; ')}.` : `Completed from ${trigger}.`,
    );
  }
  winner.status = 'ReadyToPick';
  winner.fillable = false;
  winner.splitDueAt = undefined;
  ws.note(
    winner,
    took.length > 0 ? 'stockTaken' : 'allocated',
    took.length > 0 ? `Completed by strategy win: ${took.join('; ')}.` : `Fully allocated from ${trigger}.`,
    policyForOrder(ws, winner),
  );
  // The two modules call each other only at run time (serving may meet a winner), never at load.
  if (freed.length > 0)
    serveWaitingOrders(ws, freed, {
      trigger: `stock released by orders that lost to ${winner.orderId}`,
      exclude: new Set([...lost.keys()].map((donor) => donor.orderId)),
    });
  return true;
};

import { isFullyAllocated, type SaleOrder, shortfall, shortLines } from '../domain/order.js';
import { stockKey } from '../domain/stock.js';
import { queuePriority } from '../policy/resolve-policy.js';
import { queueAllocationMode } from './fair-share.js';
import { allocateShortOf } from './kit-allocation.js';
import { holdsPartialStock, policyForOrder } from './order-policy.js';
import { settleShortOrder } from './settle-short-order.js';
import { shareScarceStock } from './share-scarce-stock.js';
import { gainsAutomatically, strategyOf } from './strategy.js';
import { compareWaiting } from './waiting-queue.js';
import { takeForWinner } from './win-redistribution.js';
import type { Workspace } from './workspace.js';

export interface StockTarget {
  warehouseId: string;
  sku: string;
}

export interface ServeOptions {
  /** Says what freed or added the stock, for history and explanations. */
  trigger: string;
  /** Orders that must not take this stock back (the order that just released it). */
  exclude?: ReadonlySet<string>;
}

/**
 * Offers free stock of exactly the given SKUs to their waiting orders, in each SKU's policy order,
 * until the stock runs out (DESIGN §4 rule 2). Orders that wait for a person (`autoAllocate: false`)
 * are marked fillable instead, and the stock they could take is kept from the orders behind them.
 */
export const serveWaitingOrders = (
  ws: Workspace,
  targets: readonly StockTarget[],
  options: ServeOptions,
): void => {
  const seen = new Set<string>();
  for (const target of targets) {
    const key = stockKey(target.warehouseId, target.sku);
    if (seen.has(key)) continue;
    seen.add(key);
    serveOneSku(ws, target, options);
  }
};

const serveOneSku = (ws: Workspace, { warehouseId, sku }: StockTarget, options: ServeOptions): void => {
  const rule = queuePriority(ws.context.policies, sku);
  const queue = ws
    .orders()
    .filter(
      (order) =>
        order.status === 'AwaitingStock' &&
        order.warehouseId === warehouseId &&
        !options.exclude?.has(order.orderId) &&
        order.lines.some((line) => line.sku === sku && shortfall(line) > 0) &&
        // A `fill` order keeps what it has and gains nothing automatically (DESIGN §14).
        gainsAutomatically(strategyOf(ws, order)),
    )
    .sort(compareWaiting(rule));
  // `win` orders are served first: they would take from the orders ahead of them anyway.
  const winners = new Set(queue.filter((order) => strategyOf(ws, order) === 'win'));
  queue.sort((a, b) => Number(winners.has(b)) - Number(winners.has(a)));
  if (queueAllocationMode(ws.context.policies, sku) === 'fairShare') {
    if (shareScarceStock(ws, { warehouseId, sku }, queue, `${options.trigger} (fair share of ${sku})`))
      return;
  }
  const earmarked = new Map<string, number>();
  const free = (lineSku: string) => ws.available(warehouseId, lineSku) - (earmarked.get(lineSku) ?? 0);

  queue.forEach((order, index) => {
    if (free(sku) <= 0 && policyForOrder(ws, order).values.strategy !== 'win') return;
    if (order.status !== 'AwaitingStock') return;
    const place = `${options.trigger} (place ${index + 1} in the ${rule} queue for ${sku})`;
    const policy = policyForOrder(ws, order);
    if (!policy.values.autoAllocate) {
      if (canComplete(order, free)) {
        for (const line of shortLines(order))
          earmarked.set(line.sku, (earmarked.get(line.sku) ?? 0) + shortfall(line));
        if (!order.fillable) {
          ws.touchOrder(order);
          order.fillable = true;
          ws.note(
            order,
            'markedFillable',
            `Could now be filled from ${place}; waiting for manual review.`,
            policy,
          );
        }
      }
      return;
    }
    // A `win` order that free stock cannot complete takes what it lacks from `lose` and `redistribute` orders.
    if (
      policy.values.strategy === 'win' &&
      !canComplete(order, free) &&
      takeForWinner(ws, order, place, free)
    )
      return;
    if (free(sku) <= 0) return;
    if (holdsPartialStock(policy.values)) {
      allocateShortOf(ws, order, sku, free, `Allocated from ${place}.`);
    } else if (canComplete(order, free)) {
      for (const line of shortLines(order)) {
        ws.allocate(order, line, shortfall(line), `Allocated in full from ${place}.`);
      }
    } else {
      return;
    }
    if (isFullyAllocated(order)) {
      order.status = 'ReadyToPick';
      order.fillable = false;
      order.splitDueAt = undefined;
      ws.note(order, 'allocated', `Fully allocated from ${place}.`, policy);
    } else {
      ws.note(order, 'allocated', `Partly allocated from ${place}.`, policy);
      settleShortOrder(ws, order, policy);
    }
  });
};

const canComplete = (order: SaleOrder, free: (sku: string) => number): boolean => {
  const needs = new Map<string, number>();
  for (const line of shortLines(order)) needs.set(line.sku, (needs.get(line.sku) ?? 0) + shortfall(line));
  return [...needs].every(([sku, need]) => free(sku) >= need);
};

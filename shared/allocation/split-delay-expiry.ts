import { idSchema, parseInput } from '../domain/inputs.js';
import { isStockManaged, shortfall, shortLines } from '../domain/order.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { policyForOrder } from './order-policy.js';
import { serveWaitingOrders } from './serve-waiting.js';
import { splitOrder } from './split-order.js';
import { isBefore, splitVerdict } from './split-verdict.js';
import { Workspace } from './workspace.js';

/**
 * The sweep found an order whose split delay has passed without the stock: split it now if it
 * can ship something, otherwise it keeps waiting. Running it early, or twice, changes nothing.
 *
 * @example
 * ```ts
 * decideSplitDelayExpiry({ ...context, now: '2026-12-05T00:00:00.000Z' }, snapshot, { orderId: 'shopify-1001' });
 * ```
 */
export const decideSplitDelayExpiry = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  input: { orderId: string },
): Decision => {
  const ws = new Workspace(context, snapshot);
  const order = ws.order(parseInput(idSchema, input.orderId, 'order id'));
  if (order.status !== 'AwaitingStock' || !order.splitDueAt || isBefore(context.now, order.splitDueAt))
    return ws.finish();

  ws.touchOrder(order);
  order.splitDueAt = undefined;
  const policy = policyForOrder(ws, order);
  if (policy.values.onShortage !== 'split') {
    // The policy changed while the order waited (or its short SKUs now resolve another one).
    const why = `The split delay passed, but the policy is now ${policy.values.onShortage}: not split.`;
    ws.note(order, 'splitDelayExpired', why, policy);
    return ws.finish();
  }
  const plan = new Map<string, number>();
  const left = new Map<string, number>();
  for (const line of order.lines.filter(isStockManaged)) {
    const free = left.get(line.sku) ?? Math.max(0, ws.available(order.warehouseId, line.sku));
    const take = Math.min(shortfall(line), free);
    left.set(line.sku, free - take);
    plan.set(line.lineId, line.allocated + take);
  }
  if (order.lines.filter(isStockManaged).every((line) => plan.get(line.lineId) === line.quantity)) {
    // Free stock covers the order, so there is nothing to split; its queues decide who gets it.
    ws.note(
      order,
      'splitDelayExpired',
      'The split delay passed and the missing stock is free: not split.',
      policy,
    );
    const targets = shortLines(order).map((line) => ({ warehouseId: order.warehouseId, sku: line.sku }));
    serveWaitingOrders(ws, targets, { trigger: `the split delay of ${order.orderId}` });
    return ws.finish();
  }
  const verdict = splitVerdict(ws, order, { ...policy.values, splitDelayDays: 0 }, plan);
  if (verdict.kind !== 'split') {
    ws.note(order, 'splitDelayExpired', `The split delay passed. ${verdict.reason}`, policy);
    return ws.finish();
  }
  for (const line of order.lines.filter(isStockManaged)) {
    ws.allocate(
      order,
      line,
      (plan.get(line.lineId) ?? 0) - line.allocated,
      'Available when the split delay passed.',
    );
  }
  ws.note(order, 'splitDelayExpired', 'The split delay passed without the missing stock.', policy);
  splitOrder(ws, order, verdict.reason, policy);
  return ws.finish();
};

import { stockKey } from '../domain/stock.js';
import type { Decision, StateSnapshot } from './decision.js';

/**
 * The state after a decision: what a committed decision leaves behind.
 *
 * @example
 * ```ts
 * const next = applyDecision(snapshot, decideReceipt(context, snapshot, receipt));
 * ```
 */
export const applyDecision = (snapshot: StateSnapshot, decision: Decision): StateSnapshot => {
  const orders = new Map(snapshot.orders.map((order) => [order.orderId, order]));
  for (const { after } of decision.orders) orders.set(after.orderId, after);
  const stock = new Map(snapshot.stock.map((level) => [stockKey(level.warehouseId, level.sku), level]));
  for (const { after } of decision.stock) stock.set(stockKey(after.warehouseId, after.sku), after);
  return { ...snapshot, orders: [...orders.values()], stock: [...stock.values()] };
};

/**
 * One decision made of several taken in sequence on the same state, so that they commit together:
 * each order and stock level keeps its first `before` and its last `after`.
 *
 * @example
 * ```ts
 * const batch = mergeDecisions([first, second]); // commits as one
 * ```
 */
export const mergeDecisions = (decisions: readonly Decision[]): Decision => {
  const orders = new Map<string, Decision['orders'][number]>();
  const stock = new Map<string, Decision['stock'][number]>();
  for (const decision of decisions) {
    for (const change of decision.orders) {
      const first = orders.get(change.after.orderId);
      orders.set(change.after.orderId, { before: first ? first.before : change.before, after: change.after });
    }
    for (const change of decision.stock) {
      const key = stockKey(change.after.warehouseId, change.after.sku);
      const first = stock.get(key);
      stock.set(key, { before: first ? first.before : change.before, after: change.after });
    }
  }
  return {
    orders: [...orders.values()],
    stock: [...stock.values()],
    history: decisions.flatMap((decision) => decision.history),
    events: decisions.flatMap((decision) => decision.events),
    steps: decisions.flatMap((decision) => decision.steps),
    movements: decisions.flatMap((decision) => decision.movements),
  };
};

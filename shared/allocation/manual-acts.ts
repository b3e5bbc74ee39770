import { InsufficientStockError, InvalidInputError, SplitNotPossibleError } from '../domain/errors.js';
import { idSchema, lineQuantitiesSchema, parseInput, reasonSchema } from '../domain/inputs.js';
import {
  isFullyAllocated,
  isStockManaged,
  type SaleOrder,
  shortfall,
  statusFromLines,
} from '../domain/order.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { releaseAll, requireStatus } from './order-guards.js';
import { policyForOrder } from './order-policy.js';
import { serveWaitingOrders } from './serve-waiting.js';
import { splitOrder } from './split-order.js';
import { capReason, shipmentsAfterSplit } from './split-verdict.js';
import { Workspace } from './workspace.js';

export interface ManualAct {
  orderId: string;
  reason: string;
}

export interface ManualAllocation extends ManualAct {
  lines: Array<{ lineId: string; quantity: number }>;
}

const begin = (context: DecisionContext, snapshot: StateSnapshot, act: ManualAct) => {
  const orderId = parseInput(idSchema, act.orderId, 'order id');
  const reason = parseInput(reasonSchema, act.reason, 'reason');
  const ws = new Workspace(context, snapshot);
  return { ws, order: ws.order(orderId), reason, by: `${context.actor.kind} ${context.actor.id}` };
};

/**
 * A person allocates available stock to a waiting or held order, line by line.
 *
 * @example
 * ```ts
 * decideManualAllocation(context, snapshot, { orderId: 'shopify-1001', reason: 'VIP', lines: [{ lineId: '1', quantity: 2 }] });
 * ```
 */
export const decideManualAllocation = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  act: ManualAllocation,
): Decision => {
  const { ws, order, reason, by } = begin(context, snapshot, act);
  const lines = parseInput(lineQuantitiesSchema, act.lines, 'allocation lines');
  requireStatus(order, 'allocate to', ['AwaitingStock', 'OnHold']);
  for (const request of lines) {
    const line = order.lines.find((candidate) => candidate.lineId === request.lineId);
    if (!line || !isStockManaged(line)) {
      throw new InvalidInputError(`Order ${order.orderId} has no stock-managed line ${request.lineId}`, {
        lineId: request.lineId,
      });
    }
    if (request.quantity > shortfall(line)) {
      throw new InvalidInputError(`Line ${line.lineId} needs only ${shortfall(line)} more`, {
        lineId: line.lineId,
        requested: request.quantity,
        needed: shortfall(line),
      });
    }
    const available = ws.available(order.warehouseId, line.sku);
    if (request.quantity > available) {
      throw new InsufficientStockError(`Only ${available} of ${line.sku} are available`, {
        sku: line.sku,
        requested: request.quantity,
        available,
      });
    }
    ws.allocate(order, line, request.quantity, `Allocated by hand by ${by}: ${reason}`);
  }
  order.fillable = false;
  if (order.status === 'AwaitingStock' && isFullyAllocated(order)) {
    order.status = 'ReadyToPick';
    order.splitDueAt = undefined;
  }
  ws.note(order, 'allocated', `Allocated by hand by ${by}: ${reason}`);
  return ws.finish();
};

/**
 * A person releases everything an order holds; the stock goes to the other waiting orders.
 *
 * @example
 * ```ts
 * decideRelease(context, snapshot, { orderId: 'shopify-1001', reason: 'customer asked to wait' });
 * ```
 */
export const decideRelease = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  act: ManualAct,
): Decision => {
  const { ws, order, reason, by } = begin(context, snapshot, act);
  requireStatus(order, 'release', ['AwaitingStock', 'ReadyToPick', 'OnHold']);
  const freed = releaseAll(ws, order, `Released by ${by}: ${reason}`);
  if (order.status !== 'OnHold') order.status = statusFromLines(order);
  order.fillable = false;
  ws.note(order, 'released', `Released by ${by}: ${reason}`);
  serveWaitingOrders(ws, freed, {
    trigger: `release of ${order.orderId}`,
    exclude: new Set([order.orderId]),
  });
  return ws.finish();
};

/**
 * A person holds an order: it keeps what it has and receives nothing automatically.
 *
 * @example
 * ```ts
 * decideHold(context, snapshot, { orderId: 'shopify-1001', reason: 'address check' });
 * ```
 */
export const decideHold = (context: DecisionContext, snapshot: StateSnapshot, act: ManualAct): Decision => {
  const { ws, order, reason, by } = begin(context, snapshot, act);
  requireStatus(order, 'hold', ['AwaitingStock', 'ReadyToPick']);
  ws.touchOrder(order);
  order.status = 'OnHold';
  order.fillable = false;
  ws.note(order, 'held', `Held by ${by}: ${reason}`);
  return ws.finish();
};

/**
 * A person releases the hold; a still-short order rejoins its queues and is offered free stock.
 *
 * @example
 * ```ts
 * decideUnhold(context, snapshot, { orderId: 'shopify-1001', reason: 'address confirmed' });
 * ```
 */
export const decideUnhold = (context: DecisionContext, snapshot: StateSnapshot, act: ManualAct): Decision => {
  const { ws, order, reason, by } = begin(context, snapshot, act);
  requireStatus(order, 'unhold', ['OnHold']);
  ws.touchOrder(order);
  order.status = statusFromLines(order);
  ws.note(order, 'unheld', `Unheld by ${by}: ${reason}`);
  if (order.status === 'AwaitingStock') {
    const targets = order.lines
      .filter((line) => shortfall(line) > 0)
      .flatMap((line) => (line.sku ? [{ warehouseId: order.warehouseId, sku: line.sku }] : []));
    serveWaitingOrders(ws, targets, { trigger: `unhold of ${order.orderId}` });
  }
  return ws.finish();
};

/**
 * A person splits a short order: what it holds ships, the rest moves to a new backorder.
 *
 * @example
 * ```ts
 * decideManualSplit(context, snapshot, { orderId: 'shopify-1001', reason: 'ship what we have' });
 * ```
 */
export const decideManualSplit = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  act: ManualAct,
): Decision => {
  const { ws, order, reason, by } = begin(context, snapshot, act);
  requireStatus(order, 'split', ['AwaitingStock', 'OnHold']);
  const policy = policyForOrder(ws, order);
  if (!policy.values.splitSupported) {
    throw new SplitNotPossibleError(`Channel ${order.channel} cannot take split orders`, {
      channel: order.channel,
    });
  }
  const shipments = shipmentsAfterSplit(ws, order);
  const cap = policy.values.maxShipments;
  if (cap !== null && shipments > cap) {
    throw new SplitNotPossibleError(capReason(shipments, cap), { orderId: order.orderId, maxShipments: cap });
  }
  splitOrder(ws, order, `Split by ${by}: ${reason.replace(/[.!?]?$/, '.')}`, policy);
  return ws.finish();
};

/**
 * Cancels one order (a person) or a whole family (the channel, see `decideChannelCancellation`).
 * The stock it frees goes to waiting orders other than `exclude`.
 */
export const cancelOrder = (
  ws: Workspace,
  order: SaleOrder,
  why: string,
  exclude: ReadonlySet<string> = new Set([order.orderId]),
): void => {
  requireStatus(order, 'cancel', ['AwaitingStock', 'ReadyToPick', 'OnHold']);
  const freed = releaseAll(ws, order, why);
  order.status = 'Cancelled';
  order.fillable = false;
  order.splitDueAt = undefined;
  ws.note(order, 'cancelled', why);
  serveWaitingOrders(ws, freed, { trigger: `cancellation of ${order.orderId}`, exclude });
};

/**
 * A person cancels an order; cancelling it again changes nothing.
 *
 * @example
 * ```ts
 * decideManualCancel(context, snapshot, { orderId: 'shopify-1001-BO1', reason: 'customer cancelled the rest' });
 * ```
 */
export const decideManualCancel = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  act: ManualAct,
): Decision => {
  const { ws, order, reason, by } = begin(context, snapshot, act);
  if (order.status !== 'Cancelled') cancelOrder(ws, order, `Cancelled by ${by}: ${reason}`);
  return ws.finish();
};

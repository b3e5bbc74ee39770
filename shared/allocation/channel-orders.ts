import { UnsupportedChangeError } from '../domain/errors.js';
import { idSchema, incomingOrderSchema, parseInput } from '../domain/inputs.js';
import {
  isStockManaged,
  type OrderLine,
  type SaleOrder,
  shortfall,
  shortLines,
  statusFromLines,
} from '../domain/order.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { cancelOrder } from './manual-acts.js';
import { releaseAll, requireStatus } from './order-guards.js';
import { holdsPartialStock, policyForOrder } from './order-policy.js';
import { type StockTarget, serveWaitingOrders } from './serve-waiting.js';
import { Workspace } from './workspace.js';

const lineListSchema = incomingOrderSchema.shape.lines;

export interface OrderUpdate {
  orderId: string;
  /** The channel's full, current list of lines. */
  lines: Array<{ lineId: string; sku: string | null; quantity: number; title?: string }>;
}

/**
 * The channel changed an open order: quantities, removed lines, added lines. Units no longer needed
 * go to other waiting orders; new needs are met from available stock as the policy allows.
 *
 * @example
 * ```ts
 * decideOrderUpdate(context, snapshot, { orderId: 'shopify-1001', lines: [{ lineId: '1', sku: 'MUG-1', quantity: 1 }] });
 * ```
 */
export const decideOrderUpdate = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  update: OrderUpdate,
): Decision => {
  const wanted = parseInput(lineListSchema, update.lines, 'order lines');
  const ws = new Workspace(context, snapshot);
  const order = ws.order(parseInput(idSchema, update.orderId, 'order id'));
  requireStatus(order, 'update', ['AwaitingStock', 'ReadyToPick', 'OnHold']);
  if (order.parentId || order.backorderIds.length > 0) {
    throw new UnsupportedChangeError(`Order ${order.orderId} has been split; change its family by hand`, {
      orderId: order.orderId,
      family: [order.parentId, ...order.backorderIds].filter(Boolean),
    });
  }
  ws.touchOrder(order);
  const freed: StockTarget[] = [];
  const byId = new Map(order.lines.map((line) => [line.lineId, line]));
  const next: OrderLine[] = [];
  for (const want of wanted) {
    const current = byId.get(want.lineId);
    byId.delete(want.lineId);
    if (!current || current.sku !== want.sku) {
      if (current) releaseLine(ws, order, current, current.allocated, freed);
      next.push({
        lineId: want.lineId,
        sku: want.sku,
        quantity: want.quantity,
        allocated: 0,
        ...(want.title ? { title: want.title } : {}),
      });
      continue;
    }
    if (want.quantity < current.allocated)
      releaseLine(ws, order, current, current.allocated - want.quantity, freed);
    next.push({ ...current, quantity: want.quantity });
  }
  for (const removed of byId.values()) releaseLine(ws, order, removed, removed.allocated, freed);
  order.lines = next;

  const policy = policyForOrder(ws, order);
  if (order.status !== 'OnHold') topUp(ws, order, holdsPartialStock(policy.values), freed);
  if (order.status !== 'OnHold') order.status = statusFromLines(order);
  // The lines changed, so an earlier manual-review verdict or split deadline no longer applies.
  order.fillable = false;
  if (order.status === 'ReadyToPick') order.splitDueAt = undefined;
  ws.note(order, 'updated', `Updated by ${order.channel}.`, policy);
  serveWaitingOrders(ws, freed, { trigger: `update of ${order.orderId}`, exclude: new Set([order.orderId]) });
  return ws.finish();
};

const releaseLine = (
  ws: Workspace,
  order: SaleOrder,
  line: OrderLine,
  quantity: number,
  freed: StockTarget[],
) => {
  if (!isStockManaged(line) || quantity === 0) return;
  ws.allocate(order, line, -quantity, 'No longer needed after the channel changed the order.');
  freed.push({ warehouseId: order.warehouseId, sku: line.sku });
};

/** Meets the order's new needs from free stock: partly if the policy holds stock while waiting, else only in full. */
const topUp = (ws: Workspace, order: SaleOrder, partial: boolean, freed: StockTarget[]) => {
  const short = shortLines(order);
  const needs = new Map<string, number>();
  for (const line of short) needs.set(line.sku, (needs.get(line.sku) ?? 0) + shortfall(line));
  const complete = [...needs].every(([sku, need]) => ws.available(order.warehouseId, sku) >= need);
  if (!partial && !complete) {
    // An all-or-nothing order that is short again must not sit on the stock it held before.
    freed.push(...releaseAll(ws, order, 'Released: this order holds nothing until it can be completed.'));
    return;
  }
  for (const line of short) {
    const take = Math.min(shortfall(line), Math.max(0, ws.available(order.warehouseId, line.sku)));
    ws.allocate(order, line, take, 'Available when the channel changed the order.');
  }
};

/** Every order in the family of `orderId`: the order, its backorders, theirs, and so on. */
const familyOf = (ws: Workspace, orderId: string): SaleOrder[] => {
  const family: SaleOrder[] = [];
  const visit = (id: string) => {
    const order = ws.order(id);
    family.push(order);
    for (const child of order.backorderIds) visit(child);
  };
  visit(orderId);
  return family;
};

/**
 * The channel cancelled its order: every open order of the family is cancelled and its stock goes
 * to other waiting orders. Orders already picking or shipped are left as they are; a repeat
 * changes nothing.
 *
 * @example
 * ```ts
 * decideChannelCancellation(context, snapshot, { orderId: 'shopify-1001' });
 * ```
 */
export const decideChannelCancellation = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  input: { orderId: string; reason?: string },
): Decision => {
  const ws = new Workspace(context, snapshot);
  const why = `Cancelled by the channel${input.reason ? `: ${input.reason}` : ''}.`;
  const family = familyOf(ws, parseInput(idSchema, input.orderId, 'order id'));
  // A member still to be cancelled must not take what an earlier one freed: it could split off a new backorder.
  const leaving = new Set(family.map((order) => order.orderId));
  for (const order of family) {
    if (['AwaitingStock', 'ReadyToPick', 'OnHold'].includes(order.status))
      cancelOrder(ws, order, why, leaving);
  }
  return ws.finish();
};

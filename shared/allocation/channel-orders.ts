import { type ChannelChange, changeFingerprint, latestChange } from '../domain/channel-change.js';
import { idSchema, incomingOrderSchema, parseInput } from '../domain/inputs.js';
import type { OrderStatus, SaleOrder } from '../domain/order.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { applyChannelLines, familyFrom } from './family-update.js';
import { expandKitLines } from './kit-lines.js';
import { cancelOrder } from './manual-acts.js';
import { emitChangeRefused } from './order-events.js';
import { Workspace } from './workspace.js';

const lineListSchema = incomingOrderSchema.shape.lines;

export interface OrderUpdate {
  orderId: string;
  /** The channel's full, current list of lines. */
  lines: Array<{ lineId: string; sku: string | null; quantity: number; title?: string }>;
}

/**
 * The channel changed its order: quantities, removed lines, added lines. Applied to the order's
 * whole split family (see `applyChannelLines`); units no longer needed go to other waiting orders,
 * new needs are met from available stock as the policy allows. Unchanged lines change nothing; what
 * cannot change (being picked, dispatched, cancelled) is recorded as refused, never thrown.
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
  // A kit line is held as its components, so the channel's kit lines are compared as those (DESIGN §14).
  const wanted = expandKitLines(context.kits, parseInput(lineListSchema, update.lines, 'order lines'));
  const ws = new Workspace(context, snapshot);
  const order = ws.order(parseInput(idSchema, update.orderId, 'order id'));
  applyChannelLines(ws, order, wanted);
  return ws.finish();
};

const OPEN: readonly OrderStatus[] = ['AwaitingStock', 'ReadyToPick', 'OnHold'];
const PAST_CANCELLING: readonly OrderStatus[] = ['InFulfilment', 'Dispatched'];

/**
 * The channel cancelled its order: every open order of the family is cancelled and its stock goes
 * to other waiting orders. Members already picking or shipped keep what they have; the refusal is
 * recorded on each of them (once) with an `Order Change Refused` event. A repeat changes nothing.
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
  const family = familyFrom(ws, parseInput(idSchema, input.orderId, 'order id'));
  // A member still to be cancelled must not take what an earlier one freed: it could split off a new backorder.
  const leaving = new Set(family.map((order) => order.orderId));
  for (const order of family) {
    if (OPEN.includes(order.status)) cancelOrder(ws, order, why, leaving);
    else if (PAST_CANCELLING.includes(order.status)) refuseCancellation(ws, order, why);
  }
  return ws.finish();
};

const refuseCancellation = (ws: Workspace, order: SaleOrder, why: string) => {
  const fingerprint = changeFingerprint({ cancelled: true });
  if (order.refusedChange === fingerprint) return;
  ws.touchOrder(order);
  order.refusedChange = fingerprint;
  const state = order.status === 'Dispatched' ? 'was dispatched' : 'is being picked';
  const reason = `${why} Refused: the order ${state}, so it keeps its lines.`;
  ws.note(order, 'changeRefused', reason);
  const lines = order.lines.map(({ lineId, sku, quantity }) => ({ lineId, sku, before: quantity, after: 0 }));
  emitChangeRefused(ws, order, 'cancel', lines, reason);
};

/**
 * A channel change as it arrived, against the newest one kept for the order (DESIGN §10): an older
 * change is stale and the newer one kept is applied instead, so that changes delivered in any order
 * leave the order as the channel's latest version says.
 *
 * @example
 * ```ts
 * decideChannelChange(context, snapshot, { orderId: 'shopify-1001', version: '2026-11-28T10:00:00.000Z', cancelled: true });
 * ```
 */
export const decideChannelChange = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  change: ChannelChange,
): Decision => {
  const kept = snapshot.channelChanges?.find((candidate) => candidate.orderId === change.orderId);
  const latest = latestChange(kept, change);
  if (latest.cancelled)
    return decideChannelCancellation(context, snapshot, {
      orderId: change.orderId,
      ...(latest.reason ? { reason: latest.reason } : {}),
    });
  return decideOrderUpdate(context, snapshot, { orderId: change.orderId, lines: latest.lines ?? [] });
};

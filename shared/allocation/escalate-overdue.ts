import { idSchema, parseInput } from '../domain/inputs.js';
import { type SaleOrder, waitingSince } from '../domain/order.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { emitBackorderOverdue } from './order-events.js';
import { policyForOrder } from './order-policy.js';
import { Workspace } from './workspace.js';

const DAY_MS = 86_400_000;

/** Whole days `order` has waited at `now`, a backorder counted from its split. */
export const daysWaiting = (order: Pick<SaleOrder, 'createdAt' | 'splitAt'>, now: string): number =>
  Math.max(0, Math.floor((Date.parse(now) - Date.parse(waitingSince(order))) / DAY_MS));

/**
 * The sweep found an order that may have waited past `escalateAfterDays`: if it is still Awaiting
 * Stock, has not been announced before and is due by its policy, mark it escalated (the marker is
 * what makes this happen once per order: a repeat, or a second sweep, finds it and changes
 * nothing) and announce it with `Backorder Overdue`. Anything else changes nothing.
 */
export const decideEscalation = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  input: { orderId: string },
): Decision => {
  const ws = new Workspace(context, snapshot);
  const order = ws.order(parseInput(idSchema, input.orderId, 'order id'));
  if (order.status !== 'AwaitingStock' || order.escalatedAt) return ws.finish();
  const policy = policyForOrder(ws, order);
  const after = policy.values.escalateAfterDays;
  const days = daysWaiting(order, context.now);
  if (after === null || Date.parse(waitingSince(order)) + after * DAY_MS > Date.parse(context.now))
    return ws.finish();

  ws.touchOrder(order);
  order.escalatedAt = context.now;
  ws.note(order, 'escalated', `Waiting ${days} days, past escalateAfterDays (${after}): overdue.`, policy);
  emitBackorderOverdue(ws, order, {
    waitingSince: waitingSince(order),
    daysWaiting: days,
    escalateAfterDays: after,
  });
  return ws.finish();
};

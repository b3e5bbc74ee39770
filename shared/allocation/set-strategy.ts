import * as z from 'zod/mini';
import { idSchema, parseInput, reasonSchema } from '../domain/inputs.js';
import '../zod-mini.js';
import { STRATEGIES, type Strategy } from '../policy/policy.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import type { ManualAct } from './manual-acts.js';
import { requireStatus } from './order-guards.js';
import { policyForOrder } from './order-policy.js';
import { takeForWinner } from './win-redistribution.js';
import { Workspace } from './workspace.js';

export interface StrategyAct extends ManualAct {
  strategy: Strategy;
}

/**
 * A person sets an open order's own confirmation strategy (DESIGN §14), overriding the policy's.
 * An order made `win` while it waits is completed at once if free stock, or what it may take from
 * the orders read with it, completes it; otherwise the next receipt or sweep does. Setting the
 * strategy it already has changes nothing.
 */
export const decideSetStrategy = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  act: StrategyAct,
): Decision => {
  const orderId = parseInput(idSchema, act.orderId, 'order id');
  const reason = parseInput(reasonSchema, act.reason, 'reason');
  const strategy = parseInput(z.enum(STRATEGIES), act.strategy, 'strategy');
  const ws = new Workspace(context, snapshot);
  const order = ws.order(orderId);
  requireStatus(order, 'set the strategy of', ['AwaitingStock', 'ReadyToPick', 'OnHold']);
  if (order.policyOverride?.strategy === strategy) return ws.finish();
  ws.touchOrder(order);
  const was = policyForOrder(ws, order).values.strategy;
  order.policyOverride = { ...order.policyOverride, strategy };
  const by = `${context.actor.kind} ${context.actor.id}`;
  ws.note(
    order,
    'updated',
    `Strategy set from ${was} to ${strategy} by ${by}: ${reason}`,
    policyForOrder(ws, order),
  );
  if (strategy === 'win' && order.status === 'AwaitingStock' && policyForOrder(ws, order).values.autoAllocate)
    takeForWinner(ws, order, `the strategy set by ${by}`);
  return ws.finish();
};

import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { Workspace } from './workspace.js';

/**
 * Merges `orderId` with its ready parent or ready backorders (mergeSiblings, DESIGN §14), for a
 * decision that made it Ready to Pick without its family at hand. `snapshot` holds the whole
 * family and its stock; nothing else changes, and a family with nothing to merge changes nothing.
 *
 * @example
 * ```ts
 * decideMergeSiblings(context, { stock, orders: family }, { orderId: 'P-BO1' });
 * ```
 */
export const decideMergeSiblings = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  input: { orderId: string },
): Decision => {
  const ws = new Workspace(context, snapshot);
  ws.mergeSeeds = new Set([input.orderId]);
  return ws.finish();
};

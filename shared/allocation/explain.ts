import { availableOf } from '../domain/stock.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { kitSentences } from './kit-lines.js';

export interface Explanation {
  decision: Decision;
  /** One sentence per unit movement, order outcome and stock level, in the order they happened. */
  lines: string[];
}

/**
 * Turns a decision into sentences a person can check: where each unit went and why.
 *
 * @example
 * ```ts
 * explainDecision(decideIntake(context, snapshot, order)).forEach((line) => console.log(line));
 * ```
 */
export const explainDecision = (decision: Decision): string[] => {
  const units = decision.steps.map((step) =>
    step.quantity > 0
      ? `${step.quantity} × ${step.sku} (${step.warehouseId}) → ${step.orderId} line ${step.lineId}: ${step.reason}`
      : `${-step.quantity} × ${step.sku} (${step.warehouseId}) ← ${step.orderId} line ${step.lineId}: ${step.reason}`,
  );
  // A kit line's units, told as the whole kits they make (DESIGN §14).
  const kits = decision.orders.flatMap(({ before, after }) => kitSentences(before, after));
  const outcomes = decision.history.map((entry) =>
    `${entry.orderId}: ${entry.statusBefore ?? 'new'} → ${entry.statusAfter}. ${entry.reasons.join(' ')}`.trim(),
  );
  const stock = decision.stock.map(
    ({ before, after }) =>
      `${after.sku} (${after.warehouseId}): on hand ${before.onHand} → ${after.onHand}, allocated ${before.allocated} → ${after.allocated}, ${availableOf(after)} left free.`,
  );
  return [...units, ...kits, ...outcomes, ...stock];
};

/**
 * A dry run: runs any decision function and explains its result, committing nothing. Because
 * decisions are pure, this is exactly what the real call would do with the same state.
 *
 * @example
 * ```ts
 * const { lines } = dryRun(decideReceipt, context, snapshot, receipt);
 * // ['4 × MUG-1 (main) → shopify-1001 line 1: Fully allocated from receipt R-1 (place 1 in the fifo queue for MUG-1).', ...]
 * ```
 */
export const dryRun = <Input>(
  decide: (context: DecisionContext, snapshot: StateSnapshot, input: Input) => Decision,
  context: DecisionContext,
  snapshot: StateSnapshot,
  input: Input,
): Explanation => {
  const decision = decide(context, snapshot, input);
  return { decision, lines: explainDecision(decision) };
};

import type { SaleOrder } from '../domain/order.js';
import type { ResolvedPolicy } from '../policy/policy.js';
import { trimToWholeKits } from './kit-allocation.js';
import { splitOrder } from './split-order.js';
import { splitVerdict } from './split-verdict.js';
import type { Workspace } from './workspace.js';

/**
 * After a waiting order under the `split` policy gains stock without becoming complete, it may
 * split again: what it holds ships, the rest moves to a new backorder.
 */
export const settleShortOrder = (ws: Workspace, order: SaleOrder, policy: ResolvedPolicy): void => {
  // What a rule gave a kit line beyond whole kits (a fair share) must not ship: it is free again.
  trimToWholeKits(ws, order);
  if (policy.values.onShortage !== 'split') return;
  const holding = new Map(order.lines.map((line) => [line.lineId, line.allocated]));
  const verdict = splitVerdict(ws, order, policy.values, holding);
  if (verdict.kind === 'split') {
    splitOrder(ws, order, verdict.reason, policy);
  } else if (verdict.kind === 'hold' && verdict.capped) {
    ws.note(order, 'awaitingStock', verdict.reason, policy);
  } else if (verdict.kind === 'delay' && order.splitDueAt !== verdict.until) {
    order.splitDueAt = verdict.until;
    ws.note(order, 'awaitingStock', verdict.reason, policy);
  }
};

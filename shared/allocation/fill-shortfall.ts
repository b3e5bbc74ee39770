import { isStockManaged, shortfall } from '../domain/order.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { decideManualAllocation, type ManualAct } from './manual-acts.js';

/**
 * A person allocates an order everything it is short, from available stock: the allocation act of
 * a bulk request, which names orders, not lines. All or nothing per order: if any line's stock is
 * not there, the order is refused (`INSUFFICIENT_STOCK`) and keeps what it has. An order that is
 * not waiting or held is refused by the allocation act itself (`INVALID_TRANSITION`).
 */
export const decideFillShortfall = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  act: ManualAct,
): Decision => {
  const order = snapshot.orders.find((candidate) => candidate.orderId === act.orderId);
  const lines = (order?.lines ?? [])
    .filter(isStockManaged)
    .filter((line) => shortfall(line) > 0)
    .map((line) => ({ lineId: line.lineId, quantity: shortfall(line) }));
  return decideManualAllocation(context, snapshot, { ...act, lines });
};

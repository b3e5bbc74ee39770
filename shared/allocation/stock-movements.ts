import { StockConflictError } from '../domain/errors.js';
import { adjustmentLinesSchema, idSchema, parseInput, stockLinesSchema } from '../domain/inputs.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { type StockTarget, serveWaitingOrders } from './serve-waiting.js';
import { takeBackAllocations } from './take-back.js';
import { Workspace } from './workspace.js';

export interface StockReceipt {
  receiptId: string;
  warehouseId: string;
  /** `inboundId`: the expected supply the line arrived against (counted by the use case, not here). */
  lines: Array<{ sku: string; quantity: number; inboundId?: string }>;
}

/**
 * A receipt adds on-hand stock, then serves the waiting orders of exactly the received SKUs.
 *
 * @example
 * ```ts
 * const decision = decideReceipt(context, snapshot, { receiptId: 'R-1', warehouseId: 'main', lines: [{ sku: 'MUG-1', quantity: 12 }] });
 * decision.stock[0].after.onHand; // 12 more than before
 * ```
 */
export const decideReceipt = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  receipt: StockReceipt,
): Decision => {
  const receiptId = parseInput(idSchema, receipt.receiptId, 'receipt id');
  const warehouseId = parseInput(idSchema, receipt.warehouseId, 'warehouse id');
  const lines = parseInput(stockLinesSchema, receipt.lines, 'receipt lines');
  const ws = new Workspace(context, snapshot);
  for (const line of lines) ws.changeOnHand(warehouseId, line.sku, line.quantity);
  serveWaitingOrders(
    ws,
    lines.map((line) => ({ warehouseId, sku: line.sku })),
    { trigger: `receipt ${receiptId}` },
  );
  return ws.finish();
};

export interface StockAdjustment {
  adjustmentId: string;
  warehouseId: string;
  /** Signed changes to on-hand stock. */
  lines: Array<{ sku: string; delta: number }>;
  reason?: string;
}

/**
 * An adjustment changes on-hand stock. Upward, it serves waiting orders like a receipt; downward
 * below what is allocated, it takes stock back from the lowest-priority orders not yet in
 * fulfilment, which return to Awaiting Stock (DESIGN §4 rule 5).
 *
 * @example
 * ```ts
 * decideAdjustment(context, snapshot, { adjustmentId: 'A-1', warehouseId: 'main', lines: [{ sku: 'MUG-1', delta: -3 }] });
 * ```
 */
export const decideAdjustment = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  adjustment: StockAdjustment,
): Decision => {
  const adjustmentId = parseInput(idSchema, adjustment.adjustmentId, 'adjustment id');
  const warehouseId = parseInput(idSchema, adjustment.warehouseId, 'warehouse id');
  const lines = parseInput(adjustmentLinesSchema, adjustment.lines, 'adjustment lines');
  const ws = new Workspace(context, snapshot);
  const reason = adjustment.reason?.trim();
  const trigger = `adjustment ${adjustmentId}${reason ? ` (${reason})` : ''}`;
  for (const { sku, delta } of lines) {
    const level = ws.stock(warehouseId, sku);
    if (level.onHand + delta < 0) {
      throw new StockConflictError(`Adjustment would leave ${sku} with ${level.onHand + delta} on hand`, {
        warehouseId,
        sku,
        onHand: level.onHand,
        delta,
      });
    }
    ws.changeOnHand(warehouseId, sku, delta);
    if (level.allocated > level.onHand)
      takeBackAllocations(ws, { warehouseId, sku }, level.allocated - level.onHand, trigger);
  }
  serveWaitingOrders(
    ws,
    lines.filter((line) => line.delta > 0).map((line) => ({ warehouseId, sku: line.sku })),
    { trigger },
  );
  return ws.finish();
};

/**
 * Serves waiting orders from stock that is already free: the follow-up when a queue had more
 * pages than one decision read, and the sweep's repair for missed events.
 *
 * @example
 * ```ts
 * decideServeWaiting(context, snapshot, { targets: [{ warehouseId: 'main', sku: 'MUG-1' }], trigger: 'sweep' });
 * ```
 */
export const decideServeWaiting = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  input: { targets: readonly StockTarget[]; trigger: string },
): Decision => {
  const ws = new Workspace(context, snapshot);
  serveWaitingOrders(ws, input.targets, { trigger: input.trigger });
  return ws.finish();
};

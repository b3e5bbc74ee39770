import { InvalidInputError } from '../domain/errors.js';
import { dispatchLinesSchema, idSchema, parseInput } from '../domain/inputs.js';
import { isStockManaged } from '../domain/order.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { requireStatus } from './order-guards.js';
import { type StockTarget, serveWaitingOrders } from './serve-waiting.js';
import { Workspace } from './workspace.js';

/**
 * The warehouse started picking: the order's allocations are locked from now on. A repeat, or a
 * late delivery after dispatch, changes nothing.
 *
 * @example
 * ```ts
 * decideFulfilmentStarted(context, snapshot, { orderId: 'shopify-1001' }).orders[0].after.status; // 'InFulfilment'
 * ```
 */
export const decideFulfilmentStarted = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  input: { orderId: string },
): Decision => {
  const ws = new Workspace(context, snapshot);
  const order = ws.order(parseInput(idSchema, input.orderId, 'order id'));
  if (order.status === 'InFulfilment' || order.status === 'Dispatched') return ws.finish();
  requireStatus(order, 'start fulfilment of', ['ReadyToPick']);
  ws.touchOrder(order);
  order.status = 'InFulfilment';
  ws.note(order, 'fulfilmentStarted', 'The warehouse started picking: allocations are locked.');
  return ws.finish();
};

export interface Dispatch {
  orderId: string;
  /** Units shipped per line; lines left out shipped everything allocated to them. */
  lines?: Array<{ lineId: string; quantity: number }>;
}

/**
 * The order shipped: its allocations become stock movements (on hand and allocated both fall). A
 * short dispatch frees the difference, which goes to the waiting orders of those SKUs.
 *
 * @example
 * ```ts
 * decideDispatch(context, snapshot, { orderId: 'shopify-1001', lines: [{ lineId: '1', quantity: 1 }] });
 * ```
 */
export const decideDispatch = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  input: Dispatch,
): Decision => {
  const ws = new Workspace(context, snapshot);
  const order = ws.order(parseInput(idSchema, input.orderId, 'order id'));
  const shippedByLine = new Map(
    parseInput(dispatchLinesSchema, input.lines ?? [], 'dispatch lines').map((l) => [l.lineId, l.quantity]),
  );
  if (order.status === 'Dispatched') return ws.finish();
  requireStatus(order, 'dispatch', ['ReadyToPick', 'InFulfilment']);
  for (const lineId of shippedByLine.keys()) {
    if (!order.lines.some((line) => line.lineId === lineId)) {
      throw new InvalidInputError(`Order ${order.orderId} has no line ${lineId}`, { lineId });
    }
  }
  const freed: StockTarget[] = [];
  for (const line of order.lines) {
    const shipped = shippedByLine.get(line.lineId) ?? (isStockManaged(line) ? line.allocated : line.quantity);
    const limit = isStockManaged(line) ? line.allocated : line.quantity;
    if (shipped > limit) {
      throw new InvalidInputError(`Line ${line.lineId} cannot ship ${shipped}: only ${limit} can ship`, {
        lineId: line.lineId,
        shipped,
        allocated: line.allocated,
      });
    }
    if (!isStockManaged(line)) {
      line.shipped = shipped;
      continue;
    }
    if (shipped < line.allocated) freed.push({ warehouseId: order.warehouseId, sku: line.sku });
    ws.changeOnHand(order.warehouseId, line.sku, -shipped, order.orderId);
    ws.allocate(order, line, -line.allocated, `Dispatched ${shipped}.`);
    line.shipped = shipped;
  }
  ws.touchOrder(order);
  order.status = 'Dispatched';
  ws.note(
    order,
    'dispatched',
    freed.length > 0 ? 'Dispatched short: the unshipped units were freed.' : 'Dispatched.',
  );
  serveWaitingOrders(ws, freed, { trigger: `short dispatch of ${order.orderId}` });
  return ws.finish();
};

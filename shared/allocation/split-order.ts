import { nextBackorderId } from '../domain/backorder-id.js';
import { SplitNotPossibleError } from '../domain/errors.js';
import { isStockManaged, type OrderLine, type SaleOrder, shortfall } from '../domain/order.js';
import type { ResolvedPolicy } from '../policy/policy.js';
import { emitOrderSplit } from './order-events.js';
import type { Workspace } from './workspace.js';

/**
 * The id a split gives its backorder: numbered from the family root past every member known (the
 * workspace's orders among them), so a retried split creates nothing twice.
 *
 * @example
 * ```ts
 * backorderIdFor({ orderId: 'shopify-1001-BO1', backorderIds: [] }); // 'shopify-1001-BO2'
 * ```
 */
export const backorderIdFor = (
  parent: Pick<SaleOrder, 'orderId' | 'backorderIds'>,
  known: Iterable<string> = [],
): string => nextBackorderId(parent, known);

/** The next backorder id of `parent`'s family, given the orders this decision knows. */
export const nextBackorderIdIn = (ws: Workspace, parent: SaleOrder): string =>
  backorderIdFor(
    parent,
    ws.orders().map((order) => order.orderId),
  );

/**
 * Splits an order in two: the parent keeps what is allocated (and every line that is not
 * stock-managed), a new Awaiting Stock backorder takes every missing unit. Both sides link to each
 * other and the family's quantities still add up to the original order.
 */
export const splitOrder = (
  ws: Workspace,
  parent: SaleOrder,
  reason: string,
  policy?: ResolvedPolicy,
): SaleOrder => {
  const missing = parent.lines.filter((line) => shortfall(line) > 0);
  // A line that dropped units stays even with nothing to ship, or the family loses count of them.
  const shipping = parent.lines.filter(
    (line) => line.allocated > 0 || !isStockManaged(line) || (line.dropped ?? 0) > 0,
  );
  if (missing.length === 0 || !parent.lines.some((line) => line.allocated > 0)) {
    throw new SplitNotPossibleError(
      `Order ${parent.orderId} needs both allocated and missing units to split`,
      {
        orderId: parent.orderId,
      },
    );
  }
  const backorderId = nextBackorderIdIn(ws, parent);
  const backorderLines: OrderLine[] = missing.map((line) => ({
    lineId: line.lineId,
    sku: line.sku,
    quantity: shortfall(line),
    allocated: 0,
    ...(line.title ? { title: line.title } : {}),
    ...(line.kitLineId ? { kitLineId: line.kitLineId, kitSku: line.kitSku, perKit: line.perKit } : {}),
  }));

  ws.touchOrder(parent);
  parent.lines = shipping.map((line) => ({
    ...line,
    quantity: isStockManaged(line) ? line.allocated : line.quantity,
  }));
  parent.backorderIds = [...parent.backorderIds, backorderId];
  parent.splitDueAt = undefined;
  parent.fillable = false;
  if (parent.status === 'AwaitingStock') parent.status = 'ReadyToPick';

  const backorder: SaleOrder = {
    ...structuredClone(parent),
    orderId: backorderId,
    status: 'AwaitingStock',
    lines: backorderLines,
    parentId: parent.orderId,
    splitAt: ws.context.now,
    backorderIds: [],
    notes: [],
    version: 0,
  };
  ws.addOrder(backorder);
  ws.note(parent, 'split', `${reason} Backorder ${backorderId} takes the missing units.`, policy);
  ws.note(
    backorder,
    'createdBySplit',
    `Created by splitting ${parent.orderId}: waits for the missing units.`,
    policy,
  );
  emitOrderSplit(ws, parent, backorder);
  return backorder;
};

import { isStockManaged, type SaleOrder, statusFromLines } from '../domain/order.js';
import { type StockLevel, stockKey } from '../domain/stock.js';
import { kitGroups, partialKitLines } from './kit-lines.js';

/**
 * Checks the invariants of DESIGN §4 over a complete tenant state and returns every violation
 * (an empty list when all hold). `originals` maps a family's root order id to its original line
 * quantities, to check that split families still add up.
 *
 * @example
 * ```ts
 * expect(findInvariantViolations(stock, orders)).toEqual([]);
 * ```
 */
export const findInvariantViolations = (
  stock: readonly StockLevel[],
  orders: readonly SaleOrder[],
  originals?: ReadonlyMap<string, ReadonlyMap<string, number>>,
): string[] => {
  const problems: string[] = [];
  const allocatedByStock = new Map<string, number>();
  for (const order of orders) {
    for (const line of order.lines) {
      if (line.allocated < 0 || line.allocated > line.quantity) {
        problems.push(
          `${order.orderId} line ${line.lineId}: allocated ${line.allocated} of ${line.quantity}`,
        );
      }
      if (!isStockManaged(line)) {
        if (line.allocated !== 0)
          problems.push(`${order.orderId} line ${line.lineId} has no SKU but holds stock`);
        continue;
      }
      const key = `${order.tenantId}#${stockKey(order.warehouseId, line.sku)}`;
      allocatedByStock.set(key, (allocatedByStock.get(key) ?? 0) + line.allocated);
    }
    problems.push(...statusProblems(order));
    // A kit line is always allocated in whole kits (DESIGN §14).
    const kits = kitGroups(order.lines);
    for (const kitLineId of partialKitLines(order))
      problems.push(
        `${order.orderId} kit line ${kitLineId} (${kits.get(kitLineId)?.[0]?.kitSku}) is not allocated in whole kits`,
      );
  }
  for (const level of stock) {
    const key = `${level.tenantId}#${stockKey(level.warehouseId, level.sku)}`;
    const fromLines = allocatedByStock.get(key) ?? 0;
    allocatedByStock.delete(key);
    if (level.allocated < 0 || level.allocated > level.onHand) {
      problems.push(`${key}: allocated ${level.allocated} with ${level.onHand} on hand`);
    }
    if (level.allocated !== fromLines)
      problems.push(`${key}: allocated ${level.allocated}, lines hold ${fromLines}`);
  }
  for (const [key, units] of allocatedByStock) {
    if (units !== 0) problems.push(`${key}: lines hold ${units} but there is no stock level`);
  }
  if (originals) problems.push(...familyProblems(orders, originals));
  return problems;
};

const statusProblems = (order: SaleOrder): string[] => {
  const holds = order.lines.some((line) => line.allocated > 0);
  switch (order.status) {
    case 'AwaitingStock':
    case 'ReadyToPick':
      return statusFromLines(order) === order.status
        ? []
        : [`${order.orderId} is ${order.status} but its lines disagree`];
    case 'InFulfilment':
      return statusFromLines(order) === 'ReadyToPick' ? [] : [`${order.orderId} is picking while short`];
    case 'Dispatched':
    case 'Cancelled':
    case 'Rejected':
    case 'Merged':
      return holds ? [`${order.orderId} is ${order.status} but still holds stock`] : [];
    case 'OnHold':
      return [];
  }
};

const rootOf = (order: SaleOrder, byId: ReadonlyMap<string, SaleOrder>): string => {
  // A parent missing from the list, or parents in a loop, must end the walk, not hang the check.
  const seen = new Set<string>();
  let current = order;
  while (current.parentId && !seen.has(current.orderId)) {
    seen.add(current.orderId);
    const parent = byId.get(current.parentId);
    if (!parent) break;
    current = parent;
  }
  return current.orderId;
};

const familyProblems = (
  orders: readonly SaleOrder[],
  originals: ReadonlyMap<string, ReadonlyMap<string, number>>,
): string[] => {
  const byId = new Map(orders.map((order) => [order.orderId, order]));
  const totals = new Map<string, Map<string, number>>();
  for (const order of orders) {
    const root = rootOf(order, byId);
    const lines = totals.get(root) ?? new Map<string, number>();
    for (const line of order.lines)
      lines.set(line.lineId, (lines.get(line.lineId) ?? 0) + line.quantity + (line.dropped ?? 0));
    totals.set(root, lines);
  }
  const problems: string[] = [];
  for (const [root, original] of originals) {
    const lines = totals.get(root) ?? new Map();
    for (const [lineId, quantity] of original) {
      if ((lines.get(lineId) ?? 0) !== quantity) {
        problems.push(
          `family ${root} line ${lineId}: ${lines.get(lineId) ?? 0} units across the family, ${quantity} ordered`,
        );
      }
    }
  }
  return problems;
};

import { InvalidTransitionError } from '../domain/errors.js';
import { isStockManaged, type OrderStatus, type SaleOrder } from '../domain/order.js';
import type { StockTarget } from './serve-waiting.js';
import type { Workspace } from './workspace.js';

/** Refuses an act the order's status does not allow. */
export const requireStatus = (order: SaleOrder, act: string, allowed: readonly OrderStatus[]): void => {
  if (!allowed.includes(order.status))
    throw new InvalidTransitionError(order.orderId, act, order.status, allowed);
};

/** Gives back every unit the order holds; returns the stock it freed, for serving waiting orders. */
export const releaseAll = (ws: Workspace, order: SaleOrder, reason: string): StockTarget[] => {
  const freed: StockTarget[] = [];
  for (const line of order.lines.filter(isStockManaged)) {
    if (line.allocated === 0) continue;
    freed.push({ warehouseId: order.warehouseId, sku: line.sku });
    ws.allocate(order, line, -line.allocated, reason);
  }
  return freed;
};

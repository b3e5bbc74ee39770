import { OrderNotFoundError } from '../domain/errors.js';
import type { HistoryEntry } from '../domain/history.js';
import type { SaleOrder } from '../domain/order.js';
import type { BackorderRepository } from '../ports/backorder-repository.js';

export interface OrderDetail {
  order: SaleOrder;
  /** The order this one was split from. */
  parent?: SaleOrder;
  /** The backorders split from this one, oldest first. */
  backorders: SaleOrder[];
  /** Every order of the split family, this one included, in id order. */
  family: SaleOrder[];
  /** This order's history, oldest first. */
  history: HistoryEntry[];
}

/** One order with its split family and history, read consistently in one Query. */
export const viewOrder = async (
  repository: Pick<BackorderRepository, 'loadFamily'>,
  tenantId: string,
  orderId: string,
): Promise<OrderDetail> => {
  const { orders, history } = await repository.loadFamily(tenantId, orderId);
  const order = orders.find((candidate) => candidate.orderId === orderId);
  if (!order) throw new OrderNotFoundError(orderId);
  const byId = new Map(orders.map((member) => [member.orderId, member]));
  const parent = order.parentId ? byId.get(order.parentId) : undefined;
  return {
    order,
    ...(parent ? { parent } : {}),
    backorders: order.backorderIds.flatMap((id) => byId.get(id) ?? []),
    family: [...orders].sort((a, b) => a.orderId.localeCompare(b.orderId)),
    history: history.filter((entry) => entry.orderId === orderId).sort((a, b) => a.version - b.version),
  };
};

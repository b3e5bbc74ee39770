import { isStockManaged, type SaleOrder, shortfall } from '../domain/order.js';
import type { OperatorQueries, QueueMembers } from '../ports/operator-queries.js';

/** How far into a SKU's queue positions are looked for: further back, the list shows none. */
export const QUEUE_POSITION_DEPTH = 1_000;

/** `<warehouse>\0<sku>\0<order>` → the order's 1-based place in that SKU's queue. */
export type QueuePositions = Map<string, number>;

export const positionKey = (warehouseId: string, sku: string, orderId: string): string =>
  `${warehouseId}\u0000${sku}\u0000${orderId}`;

/**
 * Where the waiting orders of a page stand in the queues of the SKUs they are short of: one read
 * of each such queue from its front, as deep as the furthest order of the page in it.
 */
export const queuePositionsOf = async (
  queries: Pick<OperatorQueries, 'positionsInQueue'>,
  tenantId: string,
  orders: readonly SaleOrder[],
): Promise<QueuePositions> => {
  const queues = new Map<string, QueueMembers>();
  for (const order of orders.filter((candidate) => candidate.status === 'AwaitingStock')) {
    for (const line of order.lines.filter(isStockManaged).filter((short) => shortfall(short) > 0)) {
      const key = `${order.warehouseId}\u0000${line.sku}`;
      const queue = queues.get(key) ?? { warehouseId: order.warehouseId, sku: line.sku, orderIds: [] };
      if (!queue.orderIds.includes(order.orderId)) queue.orderIds.push(order.orderId);
      queues.set(key, queue);
    }
  }
  const positions: QueuePositions = new Map();
  await Promise.all(
    [...queues.values()].map(async (queue) => {
      const found = await queries.positionsInQueue(tenantId, queue, QUEUE_POSITION_DEPTH);
      for (const [orderId, position] of found) {
        positions.set(positionKey(queue.warehouseId, queue.sku, orderId), position);
      }
    }),
  );
  return positions;
};

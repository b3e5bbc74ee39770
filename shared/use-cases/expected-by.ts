import { compareWaiting } from '../allocation/waiting-queue.js';
import type { SaleOrder } from '../domain/order.js';
import { queuePriority } from '../policy/resolve-policy.js';
import type { BackorderRepository } from '../ports/backorder-repository.js';
import { type ExpectedDates, promiseKey, waitingUnits } from '../promises/expected-dates.js';
import { SupplyWalk } from '../promises/supply-walk.js';

/** Orders read per page of a SKU's queue while its supply lasts. */
export const PROMISE_PAGE_SIZE = 50;

export type PromisePorts = Pick<BackorderRepository, 'loadInbound' | 'loadWaiting' | 'loadPolicies'>;

/** One SKU queue the orders asked about wait in, and which of them. */
interface AskedQueue {
  warehouseId: string;
  sku: string;
  orderIds: Set<string>;
}

const askedQueues = (orders: readonly SaleOrder[]): AskedQueue[] => {
  const queues = new Map<string, AskedQueue>();
  for (const order of orders) {
    for (const line of order.lines) {
      if (line.sku === null || waitingUnits(order, line.sku) === 0) continue;
      const key = `${order.warehouseId}\u0000${line.sku}`;
      const queue = queues.get(key) ?? { warehouseId: order.warehouseId, sku: line.sku, orderIds: new Set() };
      queue.orderIds.add(order.orderId);
      queues.set(key, queue);
    }
  }
  return [...queues.values()];
};

/**
 * `expectedBy` for every waiting line of `orders`, computed when asked, so it is always as current
 * as the supply, the queue and the policies it is read from. For each SKU queue they wait in: one
 * Query of that SKU's inbound lines at the warehouse, then the queue from its front, a page at a
 * time, only while open supply is left to promise and some order asked about is not reached yet.
 * The reads are bounded by the supply (every waiting line takes at least one unit), never by the
 * backlog: with no open supply, the queue is not read at all.
 */
export const expectedDatesOf = async (
  ports: PromisePorts,
  tenantId: string,
  orders: readonly SaleOrder[],
): Promise<ExpectedDates> => {
  const queues = askedQueues(orders);
  const dates: ExpectedDates = new Map();
  if (queues.length === 0) return dates;
  const policies = await ports.loadPolicies(tenantId);
  await Promise.all(
    queues.map(async (queue) => {
      const target = { warehouseId: queue.warehouseId, sku: queue.sku };
      const walk = new SupplyWalk(await ports.loadInbound(tenantId, [target]));
      const byRule = compareWaiting(queuePriority(policies, queue.sku));
      const unreached = new Set(queue.orderIds);
      let cursor: string | undefined;
      do {
        if (walk.exhausted) break;
        const page = await ports.loadWaiting(tenantId, target, {
          limit: PROMISE_PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        });
        // The index is in rank order; within a page, the rule the engine serves by has the last word.
        for (const order of [...page.orders].sort(byRule)) {
          const units = waitingUnits(order, queue.sku);
          if (units === 0) continue;
          const promise = walk.take(units);
          if (unreached.delete(order.orderId))
            dates.set(promiseKey(queue.warehouseId, queue.sku, order.orderId), promise);
        }
        cursor = page.cursor;
      } while (cursor && unreached.size > 0);
      for (const orderId of unreached)
        dates.set(promiseKey(queue.warehouseId, queue.sku, orderId), { expectedBy: null, taken: [] });
    }),
  );
  return dates;
};

import { isStockManaged, shortfall } from '../domain/order.js';
import type { OperatorQueries } from '../ports/operator-queries.js';
import type { Clock } from './ports.js';

export interface SkuShortage {
  warehouseId: string;
  sku: string;
  /** Units the waiting orders still need. */
  units: number;
  /** Waiting orders short of it. */
  orders: number;
}

export interface ConsoleSummary {
  warehouseId?: string;
  asOf: string;
  waitingOrders: number;
  fillableNow: number;
  readyToPick: number;
  /** When the longest-waiting order was created, and how long ago that is. */
  oldestWaiting?: { orderId: string; createdAt: string; ageSeconds: number };
  /** Most units short first. */
  shortBySku: SkuShortage[];
}

/**
 * The console's counts (DESIGN §7 `GET /summary`): the Awaiting Stock orders are read once, with
 * only the fields counted; Ready to Pick is counted by the index without returning its orders.
 */
export const consoleSummary = async (
  queries: OperatorQueries,
  clock: Clock,
  tenantId: string,
  warehouseId?: string,
): Promise<ConsoleSummary> => {
  const [waiting, readyToPick] = await Promise.all([
    queries.ordersOfStatus(tenantId, 'AwaitingStock', warehouseId),
    queries.countOfStatus(tenantId, 'ReadyToPick', warehouseId),
  ]);
  const asOf = clock();
  const shortages = new Map<string, SkuShortage>();
  for (const order of waiting) {
    for (const line of order.lines.filter(isStockManaged)) {
      const units = shortfall(line);
      if (units === 0) continue;
      const key = `${order.warehouseId}\u0000${line.sku}`;
      const shortage = shortages.get(key) ?? {
        warehouseId: order.warehouseId,
        sku: line.sku,
        units: 0,
        orders: 0,
      };
      shortage.units += units;
      shortage.orders += 1;
      shortages.set(key, shortage);
    }
  }
  const oldest = waiting.reduce<(typeof waiting)[number] | undefined>(
    (first, order) => (!first || order.createdAt < first.createdAt ? order : first),
    undefined,
  );
  return {
    ...(warehouseId !== undefined ? { warehouseId } : {}),
    asOf,
    waitingOrders: waiting.length,
    fillableNow: waiting.filter((order) => order.fillable).length,
    readyToPick,
    ...(oldest
      ? {
          oldestWaiting: {
            orderId: oldest.orderId,
            createdAt: oldest.createdAt,
            ageSeconds: Math.max(0, Math.floor((Date.parse(asOf) - Date.parse(oldest.createdAt)) / 1000)),
          },
        }
      : {}),
    shortBySku: [...shortages.values()].sort(
      (a, b) => b.units - a.units || a.sku.localeCompare(b.sku) || a.warehouseId.localeCompare(b.warehouseId),
    ),
  };
};

import type { StateSnapshot } from '../allocation/decision.js';
import type { StockTarget } from '../allocation/serve-waiting.js';
import { isStockManaged, type SaleOrder, shortfall } from '../domain/order.js';
import { availableOf, type StockLevel, stockKey } from '../domain/stock.js';
import type { PolicyLayer } from '../policy/policy.js';
import type { BackorderRepository } from '../ports/backorder-repository.js';

export const WAITING_PAGE_SIZE = 25;

export interface WaitingSnapshot extends StateSnapshot {
  /** Where each SKU's queue was left, when it has more pages. */
  cursors: Map<string, string>;
}

/**
 * Reads what serving these SKUs needs and no more: their stock, and their waiting orders page by
 * page until the pages ask for more than `free` units (or the queue ends), then the stock of the
 * other SKUs those orders wait for. Waiting orders of other SKUs are never read.
 */
export const loadWaitingSnapshot = async (
  repository: BackorderRepository,
  tenantId: string,
  targets: readonly StockTarget[],
  free: (target: StockTarget, level: StockLevel) => number = (_target, level) => availableOf(level),
  startCursors: ReadonlyMap<string, string> = new Map(),
  base: { orders?: readonly SaleOrder[]; stock?: readonly StockLevel[] } = {},
): Promise<WaitingSnapshot> => {
  const known = new Map((base.stock ?? []).map((level) => [stockKey(level.warehouseId, level.sku), level]));
  const missing = targets.filter((target) => !known.has(stockKey(target.warehouseId, target.sku)));
  for (const level of await loadIfAny(repository, tenantId, missing))
    known.set(stockKey(level.warehouseId, level.sku), level);

  const orders = new Map((base.orders ?? []).map((order) => [order.orderId, order]));
  const cursors = new Map<string, string>();
  const queues = await Promise.all(
    targets.map(async (target) => {
      const key = stockKey(target.warehouseId, target.sku);
      const level = known.get(key);
      return {
        key,
        ...(await readQueue(
          repository,
          tenantId,
          target,
          level ? free(target, level) : 0,
          startCursors.get(key),
        )),
      };
    }),
  );
  for (const queue of queues) {
    for (const order of queue.orders) if (!orders.has(order.orderId)) orders.set(order.orderId, order);
    if (queue.cursor) cursors.set(queue.key, queue.cursor);
  }

  const others = [...orders.values()].flatMap((order) =>
    order.lines
      .filter(isStockManaged)
      .map((line) => ({ warehouseId: order.warehouseId, sku: line.sku }))
      .filter((target) => !known.has(stockKey(target.warehouseId, target.sku))),
  );
  for (const level of await loadIfAny(repository, tenantId, others))
    known.set(stockKey(level.warehouseId, level.sku), level);
  const inbound = (await mayDelaySplits(repository, tenantId, orders.values()))
    ? await repository.loadInbound(tenantId, targets)
    : [];
  return { stock: [...known.values()], orders: [...orders.values()], inbound, cursors };
};

/**
 * A partly served order under the `split` policy waits instead of splitting while its expected
 * date is within `splitDelayDays`: that needs the served SKUs' inbound lines (one Query each),
 * read only when some layer (kept for 30 s by the repository) or one of the orders sets a delay.
 */
const mayDelaySplits = async (
  repository: BackorderRepository,
  tenantId: string,
  orders: Iterable<SaleOrder>,
): Promise<boolean> => {
  const delays = (layer?: PolicyLayer) => (layer?.splitDelayDays ?? 0) > 0;
  const config = await repository.loadPolicies(tenantId);
  return (
    delays(config.tenant) ||
    Object.values(config.channels ?? {}).some(delays) ||
    Object.values(config.skus ?? {}).some(delays) ||
    [...orders].some((order) => delays(order.policyOverride))
  );
};

/** Pages of one SKU's queue until they ask for more than `units`, or the queue ends. */
const readQueue = async (
  repository: BackorderRepository,
  tenantId: string,
  target: StockTarget,
  units: number,
  startCursor: string | undefined,
): Promise<{ orders: SaleOrder[]; cursor?: string }> => {
  const orders: SaleOrder[] = [];
  let cursor = startCursor;
  let asked = 0;
  while (units > 0 && asked <= units) {
    const page = await repository.loadWaiting(tenantId, target, {
      limit: WAITING_PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    for (const order of page.orders) {
      orders.push(order);
      asked += order.lines
        .filter((line) => line.sku === target.sku)
        .reduce((sum, line) => sum + shortfall(line), 0);
    }
    cursor = page.cursor;
    if (!cursor) break;
  }
  return { orders, ...(cursor ? { cursor } : {}) };
};

const loadIfAny = (repository: BackorderRepository, tenantId: string, targets: readonly StockTarget[]) =>
  targets.length > 0 ? repository.loadStock(tenantId, targets) : Promise.resolve([]);

import type { StateSnapshot } from '../allocation/decision.js';
import { resolveOrderPolicy } from '../allocation/order-policy.js';
import type { StockTarget } from '../allocation/serve-waiting.js';
import { losesToWinners } from '../allocation/strategy.js';
import type { IncomingOrder } from '../domain/inputs.js';
import { isStockManaged, type SaleOrder, shortfall } from '../domain/order.js';
import { availableOf, type StockLevel, stockKey } from '../domain/stock.js';
import type { PolicyConfig, Strategy } from '../policy/policy.js';
import type { BackorderRepository } from '../ports/backorder-repository.js';

/** What a waiting order still needs, by stock level, with its strategy. */
export interface Claim {
  strategy: Strategy;
  warehouseId: string;
  lines: ReadonlyArray<{ sku: string | null; units: number }>;
}

export const claimOf = (
  policies: PolicyConfig,
  order: Pick<SaleOrder, 'channel' | 'lines' | 'policyOverride' | 'warehouseId'>,
): Claim => ({
  strategy: resolveOrderPolicy(policies, order).values.strategy,
  warehouseId: order.warehouseId,
  lines: order.lines.filter(isStockManaged).map((line) => ({ sku: line.sku, units: shortfall(line) })),
});

/** The claim of an order not received yet: all of it. */
export const incomingClaim = (policies: PolicyConfig, input: IncomingOrder): Claim =>
  claimOf(policies, { ...input, lines: input.lines.map((line) => ({ ...line, allocated: 0 })) });

/**
 * The orders `win` orders may take from (DESIGN §14), read only when free stock cannot complete
 * them, and only as many as hold what is missing (lowest priority first): items read grow with
 * what is taken, not with the backlog. Also reads the stock of the other SKUs those orders hold,
 * which a loser that holds nothing while waiting gives back.
 */
export const loadWinnerDonors = async (
  repository: BackorderRepository,
  tenantId: string,
  policies: PolicyConfig,
  claims: readonly Claim[],
  stock: readonly StockLevel[],
  free: (level: StockLevel) => number = availableOf,
): Promise<{ orders: SaleOrder[]; stock: StockLevel[] }> => {
  const missing = new Map<string, { target: StockTarget; units: number }>();
  for (const claim of claims.filter((candidate) => candidate.strategy === 'win')) {
    for (const line of claim.lines) {
      if (!line.sku || line.units === 0) continue;
      const key = stockKey(claim.warehouseId, line.sku);
      const entry = missing.get(key) ?? {
        target: { warehouseId: claim.warehouseId, sku: line.sku },
        units: 0,
      };
      entry.units += line.units;
      missing.set(key, entry);
    }
  }
  const levels = new Map(stock.map((level) => [stockKey(level.warehouseId, level.sku), level]));
  const donates = (order: SaleOrder) => losesToWinners(resolveOrderPolicy(policies, order).values.strategy);
  const pages = await Promise.all(
    [...missing].map(([key, { target, units }]) => {
      const level = levels.get(key);
      const lacking = units - (level ? Math.max(0, free(level)) : 0);
      return lacking > 0 ? repository.loadReclaimable(tenantId, target, lacking, donates) : [];
    }),
  );
  const orders = new Map(pages.flat().map((order) => [order.orderId, order]));
  const others = [...orders.values()].flatMap((order) =>
    order.lines
      .filter(isStockManaged)
      .map((line) => ({ warehouseId: order.warehouseId, sku: line.sku }))
      .filter((target) => !levels.has(stockKey(target.warehouseId, target.sku))),
  );
  return {
    orders: [...orders.values()],
    stock: others.length > 0 ? await repository.loadStock(tenantId, others) : [],
  };
};

/**
 * A queue snapshot with the donors its waiting `win` orders need (receipts, adjustments, the
 * sweep): none are read unless a `win` order is among the waiting orders read.
 */
export const withWinnerDonors = async <Snapshot extends StateSnapshot>(
  repository: BackorderRepository,
  tenantId: string,
  policies: PolicyConfig,
  snapshot: Snapshot,
  free: (level: StockLevel) => number = availableOf,
): Promise<Snapshot> => {
  const claims = snapshot.orders
    .filter((order) => order.status === 'AwaitingStock')
    .map((order) => claimOf(policies, order));
  const donors = await loadWinnerDonors(repository, tenantId, policies, claims, snapshot.stock, free);
  if (donors.orders.length === 0) return snapshot;
  const known = new Set(snapshot.orders.map((order) => order.orderId));
  return {
    ...snapshot,
    orders: [...snapshot.orders, ...donors.orders.filter((order) => !known.has(order.orderId))],
    stock: [...snapshot.stock, ...donors.stock],
  };
};

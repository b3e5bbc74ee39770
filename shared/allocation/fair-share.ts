import type { AllocationMode } from '../policy/policy.js';
import { resolvePolicy } from '../policy/resolve-policy.js';

export interface Demand {
  id: string;
  shortfall: number;
}

/**
 * Divides `units` among demands in proportion to their shortfall, by largest remainder; equal
 * remainders go in the order the demands are given (queue order). Never gives a demand more than
 * it is short; when there is enough for all, each gets its whole shortfall.
 *
 * @example
 * ```ts
 * fairShares(6, [{ id: 'A', shortfall: 4 }, { id: 'B', shortfall: 4 }, { id: 'C', shortfall: 4 }]);
 * // Map { 'A' => 2, 'B' => 2, 'C' => 2 }
 * ```
 */
export const fairShares = (units: number, demands: readonly Demand[]): Map<string, number> => {
  const total = demands.reduce((sum, demand) => sum + demand.shortfall, 0);
  if (units >= total) return new Map(demands.map((demand) => [demand.id, demand.shortfall]));
  const exact = demands.map((demand, place) => {
    const scaled = units * demand.shortfall;
    // Integer arithmetic: the whole part and the remainder (over `total`) of units × shortfall / total.
    return { id: demand.id, place, whole: Math.floor(scaled / total), remainder: scaled % total };
  });
  let left = units - exact.reduce((sum, share) => sum + share.whole, 0);
  const shares = new Map(exact.map((share) => [share.id, share.whole]));
  for (const share of [...exact].sort((a, b) => b.remainder - a.remainder || a.place - b.place)) {
    if (left === 0) break;
    shares.set(share.id, share.whole + 1);
    left -= 1;
  }
  return shares;
};

/**
 * How a SKU's queue divides scarce stock. Like its priority, a queue is shared by every channel and
 * order, so only the service default, tenant and SKU layers can set it.
 */
export const queueAllocationMode = (
  config: Parameters<typeof resolvePolicy>[0],
  sku: string,
): AllocationMode =>
  resolvePolicy({ tenant: config.tenant, skus: config.skus }, { skus: [sku] }).values.allocationMode;

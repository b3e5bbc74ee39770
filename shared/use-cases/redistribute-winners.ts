import type { Decision } from '../allocation/decision.js';
import { resolveOrderPolicy } from '../allocation/order-policy.js';
import { decideServeWaiting } from '../allocation/stock-movements.js';
import { SYSTEM_ACTOR } from '../domain/actor.js';
import { type SaleOrder, shortLines } from '../domain/order.js';
import { stockKey } from '../domain/stock.js';
import type { AllocationPorts } from './ports.js';
import { runDecision } from './run-decision.js';
import { withWinnerDonors } from './winner-donors.js';

/**
 * Whether a layer of the tenant's policies sets `strategy: win` (kept for 30 s by the repository).
 * An order's own override is not seen here: such an order is redistributed by its intake and by
 * the receipts that serve its SKUs, not by the sweep.
 */
export const mayHaveWinners = async (ports: AllocationPorts, tenantId: string): Promise<boolean> => {
  const { tenant, channels, skus } = await ports.repository.loadPolicies(tenantId);
  return [tenant, ...Object.values(channels ?? {}), ...Object.values(skus ?? {})].some(
    (layer) => layer?.strategy === 'win',
  );
};

/**
 * The sweep's redistribution (DESIGN §14): waiting `win` orders among those it read are offered
 * what they lack even when no unit of their SKUs is free (a receipt serves a queue only when
 * something is free). Each is decided with its SKUs' stock and the orders it may take from.
 */
export const redistributeForWinners = async (
  ports: AllocationPorts,
  tenantId: string,
  eventId: string,
  waiting: readonly SaleOrder[],
): Promise<Decision[]> => {
  const policies = await ports.repository.loadPolicies(tenantId);
  const winners = waiting.filter(
    (order) =>
      order.status === 'AwaitingStock' && resolveOrderPolicy(policies, order).values.strategy === 'win',
  );
  const decisions: Decision[] = [];
  for (const winner of winners) {
    const targets = [
      ...new Map(
        shortLines(winner).map((line) => [
          stockKey(winner.warehouseId, line.sku),
          { warehouseId: winner.warehouseId, sku: line.sku },
        ]),
      ).values(),
    ];
    let current = winner;
    const { decision } = await runDecision(ports, {
      tenantId,
      eventId: `${eventId}:${winner.orderId}`,
      actor: SYSTEM_ACTOR,
      skipEmpty: true,
      load: async (loaded, conflict) => {
        current = conflict?.found.orders.find((order) => order.orderId === winner.orderId) ?? current;
        const stock = await ports.repository.loadStock(tenantId, targets);
        return withWinnerDonors(ports.repository, tenantId, loaded, { stock, orders: [current] });
      },
      decide: (context, snapshot) =>
        decideServeWaiting(context, snapshot, { targets, trigger: 'the sweep (strategy win)' }),
    });
    if (decision.orders.length > 0) decisions.push(decision);
  }
  return decisions;
};

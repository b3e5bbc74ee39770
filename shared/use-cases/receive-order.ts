import type { Decision } from '../allocation/decision.js';
import { decideIntake } from '../allocation/intake.js';
import type { ChannelChange } from '../domain/channel-change.js';
import { OrderAlreadyExistsError } from '../domain/errors.js';
import type { IncomingOrder } from '../domain/inputs.js';
import type { SaleOrder } from '../domain/order.js';
import { type StockLevel, stockKey } from '../domain/stock.js';
import { resolvePolicy } from '../policy/resolve-policy.js';
import type { AllocationPorts } from './ports.js';
import { runDecision } from './run-decision.js';
import { incomingClaim, loadWinnerDonors } from './winner-donors.js';

export type IntakeOutcome =
  | { kind: 'accepted'; decision: Decision; order: SaleOrder }
  | { kind: 'duplicate'; orderId: string };

/**
 * Enough stock assumed for every line. The first write then costs one request when the stock is
 * there; when it is not, the failed conditions return the real levels and the second write uses them.
 */
const assumedLevels = (tenantId: string, input: IncomingOrder): StockLevel[] => {
  const needs = new Map<string, StockLevel>();
  for (const line of input.lines) {
    if (!line.sku) continue;
    const key = stockKey(input.warehouseId, line.sku);
    const level = needs.get(key) ?? {
      tenantId,
      warehouseId: input.warehouseId,
      sku: line.sku,
      onHand: 0,
      allocated: 0,
    };
    level.onHand += line.quantity;
    needs.set(key, level);
  }
  return [...needs.values()];
};

/**
 * Intake of one order: decide by policy and commit, keyed by the order id so that a repeated
 * delivery changes nothing.
 */
export const receiveOrder = async (
  ports: AllocationPorts,
  tenantId: string,
  input: IncomingOrder,
  eventId: string,
): Promise<IntakeOutcome> => {
  let known = new Map<string, StockLevel>();
  // A change the channel sent before this order, met by the commit's guard (DESIGN §10).
  let channelChanges: ChannelChange[] = [];
  try {
    return await runDecision(ports, {
      tenantId,
      eventId,
      actor: { kind: 'channel', id: input.channel },
      load: async (policies, conflict) => {
        if (conflict?.found.orders.some((order) => order.orderId === input.orderId)) {
          throw new OrderAlreadyExistsError(input.orderId);
        }
        channelChanges = conflict?.found.channelChanges ?? channelChanges;
        const assumed = assumedLevels(tenantId, input);
        if (conflict) {
          // A second conflict means the levels moved since: read them all.
          known =
            known.size > 0
              ? new Map(
                  (await ports.repository.loadStock(tenantId, assumed)).map((level) => [
                    stockKey(level.warehouseId, level.sku),
                    level,
                  ]),
                )
              : new Map(conflict.found.stock.map((level) => [stockKey(level.warehouseId, level.sku), level]));
        }
        const stock = assumed.map((level) => known.get(stockKey(level.warehouseId, level.sku)) ?? level);
        const policy = resolvePolicy(policies, {
          channel: input.channel,
          skus: assumed.map((level) => level.sku),
          ...(input.policyOverride ? { override: input.policyOverride } : {}),
        });
        const needsInbound =
          conflict && policy.values.onShortage === 'split' && policy.values.splitDelayDays > 0;
        const inbound = needsInbound ? await ports.repository.loadInbound(tenantId, assumed) : [];
        // A `win` order that the stock cannot complete reads the orders it may take from (DESIGN §14).
        const donors =
          conflict && policy.values.strategy === 'win'
            ? await loadWinnerDonors(
                ports.repository,
                tenantId,
                policies,
                [incomingClaim(policies, input)],
                stock,
              )
            : { orders: [], stock: [] };
        return { stock: [...stock, ...donors.stock], orders: donors.orders, inbound, channelChanges };
      },
      decide: (context, snapshot) => decideIntake(context, snapshot, input),
      outcome: (decision) => ({
        kind: 'accepted' as const,
        decision,
        order: decision.orders.find((change) => change.after.orderId === input.orderId)?.after as SaleOrder,
      }),
    });
  } catch (error) {
    if (error instanceof OrderAlreadyExistsError) return { kind: 'duplicate', orderId: input.orderId };
    throw error;
  }
};

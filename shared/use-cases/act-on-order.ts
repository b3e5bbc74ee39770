import type { Decision, DecisionContext, StateSnapshot } from '../allocation/decision.js';
import type { Actor } from '../domain/actor.js';
import { OrderNotFoundError } from '../domain/errors.js';
import { isStockManaged } from '../domain/order.js';
import { availableOf, stockKey } from '../domain/stock.js';
import { DuplicateRequestError } from '../ports/backorder-repository.js';
import type { AllocationPorts } from './ports.js';
import { runDecision } from './run-decision.js';
import { loadWaitingSnapshot } from './waiting-snapshot.js';

export interface OrderAct<Input> {
  tenantId: string;
  orderId: string;
  eventId: string;
  actor: Actor;
  input: Input;
  decide: (context: DecisionContext, snapshot: StateSnapshot, input: Input) => Decision;
  /** The act may free stock (or rejoin a queue), so the waiting orders of the family's SKUs are read too. */
  servesWaiting: boolean;
  /** Makes a repeat of the same request change nothing. */
  idempotencyKey?: string;
  /** SKUs the input brings in: a channel update may add lines the family has never had. */
  skus?: readonly string[];
}

export type ActOutcome = { kind: 'applied'; decision: Decision } | { kind: 'duplicate'; key: string };

/** Any act on one order: reads its family and the stock it concerns, decides, commits. */
export const actOnOrder = async <Input>(
  ports: AllocationPorts,
  act: OrderAct<Input>,
): Promise<ActOutcome> => {
  try {
    const decision = await runDecision(ports, {
      tenantId: act.tenantId,
      eventId: act.eventId,
      actor: act.actor,
      ...(act.idempotencyKey ? { idempotencyKey: act.idempotencyKey } : {}),
      load: async () => {
        const { orders } = await ports.repository.loadFamily(act.tenantId, act.orderId);
        if (!orders.some((order) => order.orderId === act.orderId)) throw new OrderNotFoundError(act.orderId);
        const targets = orders.flatMap((order) =>
          order.lines
            .filter(isStockManaged)
            .map((line) => ({ warehouseId: order.warehouseId, sku: line.sku })),
        );
        const warehouseId = orders.find((order) => order.orderId === act.orderId)?.warehouseId as string;
        // Without their levels, the engine would take new SKUs for out of stock and leave free stock unused.
        const added = (act.skus ?? [])
          .filter(
            (sku) => !targets.some((target) => target.sku === sku && target.warehouseId === warehouseId),
          )
          .map((sku) => ({ warehouseId, sku }));
        if (!act.servesWaiting) {
          const stock = await ports.repository.loadStock(act.tenantId, [...targets, ...added]);
          return { stock, orders, inbound: [] };
        }
        const addedStock = added.length > 0 ? await ports.repository.loadStock(act.tenantId, added) : [];
        const held = new Map<string, number>();
        for (const order of orders) {
          for (const line of order.lines.filter(isStockManaged)) {
            const key = stockKey(order.warehouseId, line.sku);
            held.set(key, (held.get(key) ?? 0) + line.allocated);
          }
        }
        return loadWaitingSnapshot(
          ports.repository,
          act.tenantId,
          targets,
          (target, level) => availableOf(level) + (held.get(stockKey(target.warehouseId, target.sku)) ?? 0),
          new Map(),
          { orders, stock: addedStock },
        );
      },
      decide: (context, snapshot) => act.decide(context, snapshot, act.input),
      outcome: (result) => result,
    });
    return { kind: 'applied', decision };
  } catch (error) {
    if (error instanceof DuplicateRequestError) return { kind: 'duplicate', key: error.key };
    throw error;
  }
};

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
        if (!act.servesWaiting) {
          return { stock: await ports.repository.loadStock(act.tenantId, targets), orders, inbound: [] };
        }
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
          { orders },
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

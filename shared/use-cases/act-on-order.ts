import { mergeDecisions } from '../allocation/compose.js';
import type { Decision, DecisionContext, StateSnapshot } from '../allocation/decision.js';
import { dryRun, type Explanation } from '../allocation/explain.js';
import type { Actor } from '../domain/actor.js';
import { DomainError, OrderNotFoundError } from '../domain/errors.js';
import type { KitBook } from '../domain/kit.js';
import { isStockManaged } from '../domain/order.js';
import { availableOf, stockKey } from '../domain/stock.js';
import {
  DuplicateRequestError,
  IdempotencyKeyReusedError,
  WriteConflictError,
} from '../ports/backorder-repository.js';
import type { Outcome } from './outcome.js';
import type { AllocationPorts } from './ports.js';
import { runDecision } from './run-decision.js';
import { serveRemainingQueue } from './serve-follow-up.js';
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
  /** A hash of the request the key came with: the key is bound to it. */
  requestHash?: string;
  /** SKUs the input brings in: a channel update may add lines the family has never had. */
  skus?: readonly string[];
  /** A decision that changes nothing is not committed (not even its idempotency key). */
  skipEmpty?: boolean;
  /** The tenant's kits, for an act that brings in order lines (a channel update; DESIGN §14). */
  kits?: KitBook;
}

/** What an act on one order reads: its family, the stock it concerns and, if it frees stock, the waiting orders. */
const loadForAct = async <Input>(ports: AllocationPorts, act: OrderAct<Input>): Promise<StateSnapshot> => {
  const { orders, channelChanges = [] } = await ports.repository.loadFamily(act.tenantId, act.orderId);
  if (!orders.some((order) => order.orderId === act.orderId)) throw new OrderNotFoundError(act.orderId);
  const targets = orders.flatMap((order) =>
    order.lines.filter(isStockManaged).map((line) => ({ warehouseId: order.warehouseId, sku: line.sku })),
  );
  const warehouseId = orders.find((order) => order.orderId === act.orderId)?.warehouseId as string;
  // Without their levels, the engine would take new SKUs for out of stock and leave free stock unused.
  const added = (act.skus ?? [])
    .filter((sku) => !targets.some((target) => target.sku === sku && target.warehouseId === warehouseId))
    .map((sku) => ({ warehouseId, sku }));
  if (!act.servesWaiting) {
    const stock = await ports.repository.loadStock(act.tenantId, [...targets, ...added]);
    return { stock, orders, inbound: [], channelChanges };
  }
  const addedStock = added.length > 0 ? await ports.repository.loadStock(act.tenantId, added) : [];
  const held = new Map<string, number>();
  for (const order of orders) {
    for (const line of order.lines.filter(isStockManaged)) {
      const key = stockKey(order.warehouseId, line.sku);
      held.set(key, (held.get(key) ?? 0) + line.allocated);
    }
  }
  const snapshot = await loadWaitingSnapshot(
    ports.repository,
    act.tenantId,
    targets,
    (target, level) => availableOf(level) + (held.get(stockKey(target.warehouseId, target.sku)) ?? 0),
    new Map(),
    { orders, stock: addedStock },
  );
  return { ...snapshot, channelChanges };
};

/** Any act on one order: reads its family and the stock it concerns, decides, commits. */
export const actOnOrder = async <Input>(ports: AllocationPorts, act: OrderAct<Input>): Promise<Outcome> => {
  try {
    const { decision } = await runDecision(ports, {
      tenantId: act.tenantId,
      eventId: act.eventId,
      actor: act.actor,
      ...(act.idempotencyKey ? { idempotencyKey: act.idempotencyKey } : {}),
      ...(act.requestHash ? { requestHash: act.requestHash } : {}),
      ...(act.skipEmpty ? { skipEmpty: true } : {}),
      ...(act.kits ? { kits: act.kits } : {}),
      load: () => loadForAct(ports, act),
      decide: (context, snapshot) => act.decide(context, snapshot, act.input),
    });
    return { kind: 'applied', decisions: [decision] };
  } catch (error) {
    // An earlier attempt's act landed, but maybe not all it served: serve the act's SKUs again
    // before answering as the duplicate this is (what it serves is published from the outbox).
    if (error instanceof DuplicateRequestError) {
      if (error.incomplete && error.decision) await serveAfter(ports, act, error.decision);
      return { kind: 'duplicate', key: error.key };
    }
    // A repeat of an act that landed is refused by the order's new state before its key is met.
    if (
      error instanceof DomainError &&
      !(error instanceof IdempotencyKeyReusedError) &&
      act.idempotencyKey &&
      (await ports.repository.wasApplied(act.tenantId, act.idempotencyKey, act.requestHash))
    ) {
      return { kind: 'duplicate', key: act.idempotencyKey };
    }
    // The act landed but serving the stock it freed lost a race part-way: serve again from the
    // queues' start, as a receipt does. (Re-deciding the act would meet its own idempotency key.)
    if (
      error instanceof WriteConflictError &&
      error.committed &&
      error.decision &&
      (await landed(ports, act, error.decision))
    ) {
      return { kind: 'applied', decisions: [await serveAfter(ports, act, error.decision)] };
    }
    throw error;
  }
};

/** Serves the queues of the SKUs a landed act touched from their start, then completes its request. */
const serveAfter = async <Input>(ports: AllocationPorts, act: OrderAct<Input>, decision: Decision) => {
  const targets = decision.stock.map(({ after }) => ({ warehouseId: after.warehouseId, sku: after.sku }));
  const served = mergeDecisions(await serveRemainingQueue(ports, act.tenantId, act.eventId, targets));
  if (act.idempotencyKey) await ports.repository.completeRequest(act.tenantId, act.idempotencyKey);
  return served;
};

/** Whether the order acted on is stored as the decision left it (its part may have been the one that failed). */
const landed = async <Input>(ports: AllocationPorts, act: OrderAct<Input>, decision: Decision) => {
  const mine = decision.orders.find(({ after }) => after.orderId === act.orderId)?.after;
  const { orders } = await ports.repository.loadFamily(act.tenantId, act.orderId);
  const stored = orders.find((order) => order.orderId === act.orderId);
  return Boolean(mine && stored && stored.version >= mine.version);
};

/**
 * A dry run of the act: the same reads and the same decision, explained, with nothing committed.
 * Refusals are the ones the act itself would give.
 */
export const previewOrderAct = async <Input>(
  ports: AllocationPorts,
  act: OrderAct<Input>,
): Promise<Explanation> => {
  const policies = await ports.repository.loadPolicies(act.tenantId);
  const snapshot = await loadForAct(ports, act);
  const context: DecisionContext = {
    tenantId: act.tenantId,
    now: ports.clock(),
    eventId: act.eventId,
    actor: act.actor,
    policies,
  };
  return dryRun(act.decide, context, snapshot, act.input);
};

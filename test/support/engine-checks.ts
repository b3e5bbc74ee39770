import type { Decision, DecisionContext, StateSnapshot } from '../../shared/allocation/decision.js';
import { findInvariantViolations } from '../../shared/allocation/invariants.js';
import type { DomainError } from '../../shared/domain/errors.js';
import type { HistoryEntry } from '../../shared/domain/history.js';
import type { SaleOrder } from '../../shared/domain/order.js';
import { type StockLevel, stockKey } from '../../shared/domain/stock.js';
import {
  OUTGOING_DETAIL_SCHEMAS,
  type OutgoingDetail,
  type OutgoingDetailType,
} from '../../shared/events/outgoing-events.js';
import { SERVICE_DEFAULTS } from '../../shared/policy/policy.js';
import { WAREHOUSE } from './engine-fixtures.js';

/** Freezes a value and everything it holds, so that any write by the engine throws. */
export const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

/** The state after committing a decision: changed orders and stock levels replace the old ones. */
export const applyDecision = (state: StateSnapshot, decision: Decision): StateSnapshot => {
  const orders = new Map(state.orders.map((order) => [order.orderId, order]));
  for (const { after } of decision.orders) orders.set(after.orderId, after);
  const stock = new Map(state.stock.map((level) => [stockKey(level.warehouseId, level.sku), level]));
  for (const { after } of decision.stock) stock.set(stockKey(after.warehouseId, after.sku), after);
  return { stock: [...stock.values()], orders: [...orders.values()], inbound: state.inbound ?? [] };
};

export const orderAfter = (decision: Decision, orderId: string): SaleOrder => {
  const change = decision.orders.find(({ after }) => after.orderId === orderId);
  if (!change) throw new Error(`The decision did not change ${orderId}`);
  return change.after;
};

export const historyOf = (decision: Decision, orderId: string): HistoryEntry => {
  const entry = decision.history.find((candidate) => candidate.orderId === orderId);
  if (!entry) throw new Error(`The decision wrote no history for ${orderId}`);
  return entry;
};

/** A stock level after the decision, as `[onHand, allocated]`; untouched levels come from `state`. */
export const levelOf = (
  state: Pick<StateSnapshot, 'stock'>,
  sku: string,
  warehouseId = WAREHOUSE,
): [onHand: number, allocated: number] => {
  const level = state.stock.find(
    (candidate) => candidate.sku === sku && candidate.warehouseId === warehouseId,
  );
  return level ? [level.onHand, level.allocated] : [0, 0];
};

/** Lines in the compact form the `order` fixture takes: `[sku, quantity, allocated]`. */
export const linesOf = (order: SaleOrder): Array<[string | null, number, number]> =>
  order.lines.map((line) => [line.sku, line.quantity, line.allocated]);

/** `'<detail-type> <orderId>'` for every outgoing event, in order. */
export const eventList = (decision: Decision): string[] =>
  decision.events.map((event) => `${event.detailType} ${event.detail.orderId}`);

export const eventsOfType = <T extends OutgoingDetailType>(
  decision: Decision,
  detailType: T,
): Array<OutgoingDetail<T>> =>
  decision.events
    .filter((event) => event.detailType === detailType)
    .map((event) => event.detail as OutgoingDetail<T>);

/**
 * Checks what every decision must get right whatever it decided: events match their published
 * schemas and name their cause; one history entry per changed order, carrying the actor, the
 * trigger, the statuses and the lines before and after; versions move by one.
 */
export const expectWellFormed = (decision: Decision, ctx: DecisionContext): void => {
  for (const event of decision.events) {
    const parsed = OUTGOING_DETAIL_SCHEMAS[event.detailType].safeParse(event.detail);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toEqual(event.detail);
    expect(event.detail).toMatchObject({
      tenantId: ctx.tenantId,
      causationId: ctx.eventId,
      occurredAt: ctx.now,
    });
  }
  const eventIds = decision.events.map((event) => event.detail.eventId);
  expect(new Set(eventIds).size).toBe(eventIds.length);

  expect(decision.history.map((entry) => entry.orderId)).toEqual(
    decision.orders.map(({ after }) => after.orderId),
  );
  decision.orders.forEach(({ before, after }, index) => {
    expect(after.version).toBe((before?.version ?? 0) + 1);
    const entry = decision.history[index] as HistoryEntry;
    expect(entry).toMatchObject({
      tenantId: ctx.tenantId,
      version: after.version,
      at: ctx.now,
      actor: ctx.actor,
      triggerEventId: ctx.eventId,
      statusBefore: before?.status ?? null,
      statusAfter: after.status,
    });
    expect(entry.actions.length).toBeGreaterThan(0);
    expect(entry.reasons.length).toBeGreaterThan(0);
    // DESIGN §4 rule 6: every entry records the policy in force and where each value came from.
    expect(Object.keys(entry.policy?.values ?? {}).sort()).toEqual(Object.keys(SERVICE_DEFAULTS).sort());
    expect(Object.keys(entry.policy?.sources ?? {}).sort()).toEqual(Object.keys(SERVICE_DEFAULTS).sort());
    const snap = (order: SaleOrder | null) =>
      (order?.lines ?? []).map(({ lineId, sku, quantity, allocated }) => ({
        lineId,
        sku,
        quantity,
        allocated,
      }));
    expect(entry.linesBefore).toEqual(snap(before));
    expect(entry.linesAfter).toEqual(snap(after));
  });
  const net = new Map<string, { onHand: number; allocated: number }>();
  for (const movement of decision.movements) {
    const key = stockKey(movement.warehouseId, movement.sku);
    const sum = net.get(key) ?? { onHand: 0, allocated: 0 };
    net.set(key, {
      onHand: sum.onHand + movement.onHandDelta,
      allocated: sum.allocated + movement.allocatedDelta,
    });
  }
  for (const { before, after } of decision.stock) {
    expect(after.allocated).toBeGreaterThanOrEqual(0);
    expect(after.allocated).toBeLessThanOrEqual(after.onHand);
    const moved = net.get(stockKey(after.warehouseId, after.sku)) ?? { onHand: 0, allocated: 0 };
    expect({ onHand: after.onHand - before.onHand, allocated: after.allocated - before.allocated }).toEqual(
      moved,
    );
  }
};

/** A repeat, or an act that does not apply yet: nothing to write, nothing to publish. */
export const expectNoChange = (decision: Decision): void => {
  expect(decision.orders).toEqual([]);
  expect(decision.stock).toEqual([]);
  expect(decision.history).toEqual([]);
  expect(decision.events).toEqual([]);
  expect(decision.steps).toEqual([]);
  expect(decision.movements).toEqual([]);
};

/**
 * Runs a decision on frozen inputs (so the engine cannot write to them), checks it is well formed
 * and that the state it leaves keeps every invariant, and returns it with that state.
 */
export const decide = <Input>(
  fn: (context: DecisionContext, snapshot: StateSnapshot, input: Input) => Decision,
  ctx: DecisionContext,
  state: StateSnapshot,
  input: Input,
): { decision: Decision; next: StateSnapshot } => {
  const copies = structuredClone({ ctx, state, input });
  const decision = fn(deepFreeze(ctx), deepFreeze(state), deepFreeze(input));
  expect({ ctx, state, input }).toEqual(copies);
  expectWellFormed(decision, ctx);
  const next = applyDecision(state, decision);
  expect(findInvariantViolations(next.stock, next.orders)).toEqual([]);
  return { decision, next };
};

type ErrorClass = abstract new (...args: never[]) => DomainError;

/**
 * Expects a decision to be refused with a typed error, its code and details, leaving its (frozen)
 * inputs exactly as they were.
 */
export const expectRefusal = <Input>(
  fn: (context: DecisionContext, snapshot: StateSnapshot, input: Input) => Decision,
  ctx: DecisionContext,
  state: StateSnapshot,
  input: Input,
  expected: { type: ErrorClass; code: string; details?: Record<string, unknown> },
): DomainError => {
  const copies = structuredClone({ ctx, state, input });
  let caught: unknown;
  try {
    fn(deepFreeze(ctx), deepFreeze(state), deepFreeze(input));
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(expected.type);
  const error = caught as DomainError;
  expect(error.code).toBe(expected.code);
  expect(error.name).toBe(expected.type.name);
  if (expected.details) expect(error.details).toMatchObject(expected.details);
  expect({ ctx, state, input }).toEqual(copies);
  return error;
};

/** Stock levels of a whole state, `sku → [onHand, allocated]`, for compact assertions. */
export const levels = (state: Pick<StateSnapshot, 'stock'>): Record<string, [number, number]> =>
  Object.fromEntries(
    [...state.stock]
      .sort((a, b) => (a.sku < b.sku ? -1 : 1))
      .map((level: StockLevel) => [
        level.warehouseId === WAREHOUSE ? level.sku : `${level.warehouseId}#${level.sku}`,
        [level.onHand, level.allocated],
      ]),
  );

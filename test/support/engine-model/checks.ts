import type { Decision, DecisionContext } from '../../../shared/allocation/decision.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import type { HistoryEntry } from '../../../shared/domain/history.js';
import type { KitBook } from '../../../shared/domain/kit.js';
import type { OrderStatus, SaleOrder } from '../../../shared/domain/order.js';
import { emptyStockLevel, stockKey } from '../../../shared/domain/stock.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import type { DecisionTrigger } from './trigger-types.js';
import type { TenantState } from './world.js';

/** Everything one step knows once its decision is committed. */
export interface StepFacts {
  trigger: DecisionTrigger;
  input: unknown;
  pre: TenantState;
  post: TenantState;
  decision: Decision;
  config: PolicyConfig;
  /** The tenant's kit book, when it has kits. */
  kits?: KitBook;
  now: number;
  subjects: ReadonlySet<string>;
}

export const must = (ok: unknown, message: () => string): void => {
  if (!ok) throw new Error(message());
};

/** Deep equality as `toEqual` sees it (undefined fields count as absent), without its cost. */
const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const fields = (value: object) => Object.entries(value).filter(([, field]) => field !== undefined);
  const left = fields(a);
  const right = new Map(fields(b));
  return left.length === right.size && left.every(([key, field]) => same(field, right.get(key)));
};

const show = (value: unknown) => JSON.stringify(value);

/**
 * The decision read only this tenant's committed state, and its history is one new entry per
 * changed order, never a rewrite of an entry already appended.
 */
export const checkDecisionShape = (
  pre: TenantState,
  decision: Decision,
  context: DecisionContext,
  log: ReadonlyMap<string, HistoryEntry>,
): void => {
  const { tenantId } = context;
  const ids = decision.orders.map((change) => change.after.orderId);
  must(new Set(ids).size === ids.length, () => `an order changed twice in one decision: ${ids}`);
  for (const { before, after } of decision.orders) {
    must(
      after.tenantId === tenantId,
      () => `${after.orderId} belongs to ${after.tenantId}, decided for ${tenantId}`,
    );
    const stored = pre.orders.get(after.orderId) ?? null;
    must(same(before, stored), () => `${after.orderId}: before ${show(before)} but stored ${show(stored)}`);
    must(after.version === (before?.version ?? 0) + 1, () => `${after.orderId}: version ${after.version}`);
  }
  for (const { before, after } of decision.stock) {
    must(
      after.tenantId === tenantId && before.tenantId === tenantId,
      () => `stock of another tenant: ${show(after)}`,
    );
    const key = stockKey(after.warehouseId, after.sku);
    const stored = pre.stock.get(key) ?? emptyStockLevel(tenantId, after.warehouseId, after.sku);
    must(same(before, stored), () => `${key}: before ${show(before)} but stored ${show(stored)}`);
  }
  for (const event of decision.events) {
    must(event.detail.tenantId === tenantId, () => `event for another tenant: ${show(event)}`);
  }

  const entries = decision.history.map((entry) => entry.orderId);
  must(same([...entries].sort(), [...ids].sort()), () => `history for ${entries}, changed orders ${ids}`);
  for (const entry of decision.history) {
    const change = decision.orders.find((candidate) => candidate.after.orderId === entry.orderId);
    must(
      change &&
        entry.tenantId === tenantId &&
        entry.triggerEventId === context.eventId &&
        entry.at === context.now &&
        same(entry.actor, context.actor) &&
        entry.version === change.after.version &&
        entry.statusBefore === (change.before?.status ?? null) &&
        entry.statusAfter === change.after.status &&
        same(entry.linesBefore, lineSnapshots(change.before)) &&
        same(entry.linesAfter, lineSnapshots(change.after)),
      () => `history entry disagrees with its change: ${show(entry)}`,
    );
    must(
      !log.has(`${entry.orderId}#${entry.version}`),
      () => `history ${entry.orderId}#${entry.version} rewritten`,
    );
  }
};

const lineSnapshots = (order: SaleOrder | null) =>
  (order?.lines ?? []).map(({ lineId, sku, quantity, allocated }) => ({ lineId, sku, quantity, allocated }));

const LOCKED: readonly OrderStatus[] = ['InFulfilment', 'Dispatched', 'Cancelled', 'OnHold', 'Rejected'];

/** DESIGN §4 rule 3: locked orders are changed only by a decision about them. */
export const checkLockedOrders = (decision: Decision, subjects: ReadonlySet<string>): void => {
  for (const { before, after } of decision.orders) {
    if (!before || subjects.has(before.orderId)) continue;
    must(
      !LOCKED.includes(before.status),
      () => `${before.orderId} was ${before.status}, not the subject, and was changed: ${show(after.lines)}`,
    );
  }
};

/** DESIGN §4 invariants over the whole committed tenant state, plus flags that only waiting orders carry. */
export const checkState = (
  state: TenantState,
  originals: ReadonlyMap<string, ReadonlyMap<string, number>>,
) => {
  const orders = [...state.orders.values()];
  const problems = findInvariantViolations([...state.stock.values()], orders, originals);
  must(problems.length === 0, () => `invariants broken: ${problems.join('; ')}`);
  for (const order of orders) {
    must(
      !order.fillable || order.status === 'AwaitingStock',
      () => `${order.orderId} is ${order.status} but fillable`,
    );
  }
};

export const allocatedOf = (order: SaleOrder | undefined, sku: string): number =>
  (order?.lines ?? []).filter((line) => line.sku === sku).reduce((sum, line) => sum + line.allocated, 0);

export const shortOf = (order: SaleOrder | undefined, sku: string): number =>
  (order?.lines ?? [])
    .filter((line) => line.sku === sku)
    .reduce((sum, line) => sum + line.quantity - line.allocated, 0);

export const changedOrders = (pre: TenantState, post: TenantState): SaleOrder[] =>
  [...pre.orders.values()].filter((order) => post.orders.get(order.orderId) !== order);

/** Lines of an order as the family invariant counts them. */
export const originalQuantities = (order: SaleOrder): Map<string, number> =>
  new Map(order.lines.map((line) => [line.lineId, line.quantity + (line.dropped ?? 0)]));

export { same, show };

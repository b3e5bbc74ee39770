import type { OrderStatus, SaleOrder } from '../../../shared/domain/order.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import { missing, policyOf } from './policy-model.js';
import { type DecisionTrigger, orderIdOf } from './trigger-types.js';
import { levelOf, type TenantState } from './world.js';

/** What the model expects of a trigger before it runs: the refusals that apply, or a repeat that changes nothing. */
export interface Expectation {
  /** Error codes any of which the engine may answer with; empty when it must accept. */
  refusals: string[];
  noop: boolean;
}

const wholePositive = (value: unknown) => Number.isInteger(value) && (value as number) > 0;
const present = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const distinct = (keys: unknown[]) => new Set(keys).size === keys.length;

const validOrderLines = (lines: Array<{ lineId: string; sku: string | null; quantity: number }>) =>
  lines.length > 0 &&
  distinct(lines.map((line) => line.lineId)) &&
  lines.every(
    (line) =>
      present(line.lineId) && wholePositive(line.quantity) && (line.sku === null || present(line.sku)),
  );

const validStockLines = (lines: Array<{ sku: string }>, amount: (line: never) => boolean) =>
  lines.length > 0 &&
  distinct(lines.map((line) => line.sku)) &&
  lines.every((line) => present(line.sku) && amount(line as never));

/** Units of `sku` that no automatic rule may take back: held by orders that are picking or on hold. */
const lockedUnits = (state: TenantState, warehouseId: string, sku: string) =>
  [...state.orders.values()]
    .filter(
      (order) =>
        order.warehouseId === warehouseId && !['ReadyToPick', 'AwaitingStock'].includes(order.status),
    )
    .flatMap((order) => order.lines)
    .filter((line) => line.sku === sku)
    .reduce((sum, line) => sum + line.allocated, 0);

export const familyOf = (state: TenantState, orderId: string): SaleOrder[] => {
  const order = state.orders.get(orderId);
  return order ? [order, ...order.backorderIds.flatMap((id) => familyOf(state, id))] : [];
};

/** The channel's order an order belongs to (its family's root) and that whole family. */
export const channelFamilyOf = (state: TenantState, orderId: string): SaleOrder[] => {
  let root = state.orders.get(orderId);
  while (root?.parentId && state.orders.has(root.parentId)) root = state.orders.get(root.parentId);
  return root ? familyOf(state, root.orderId) : [];
};

const OPEN: readonly OrderStatus[] = ['AwaitingStock', 'ReadyToPick', 'OnHold'];

/** The root and every backorder of the whole family, plus the one a split would add (numbered from the root). */
const shipmentsAfterSplit = (state: TenantState, order: SaleOrder): number => {
  const root = order.orderId.replace(/(-BO\d+)+$/, '');
  const numbers = [...state.orders.keys()]
    .filter((id) => id !== root && id.replace(/(-BO\d+)+$/, '') === root)
    .map((id) => Number(/-BO(\d+)$/.exec(id)?.[1] ?? 0));
  return Math.max(0, ...numbers) + 2;
};

export const expectationFor = (
  trigger: DecisionTrigger,
  state: TenantState,
  config: PolicyConfig,
  now: number,
): Expectation => {
  const codes = new Set<string>();
  let noop = false;
  const invalid = (bad: boolean) => bad && codes.add('INVALID_INPUT');
  const order = state.orders.get(orderIdOf(trigger));
  const needOrder = () => !order && codes.add('ORDER_NOT_FOUND');
  const allowed = (statuses: readonly OrderStatus[]) =>
    order && !statuses.includes(order.status) && codes.add('INVALID_TRANSITION');

  switch (trigger.kind) {
    case 'intake':
      // Ids ending in -BO<n> are reserved for backorders.
      invalid(!validOrderLines(trigger.order.lines) || /-BO\d+$/.test(trigger.order.orderId));
      if (state.orders.has(trigger.order.orderId)) codes.add('ORDER_ALREADY_EXISTS');
      break;
    case 'receipt':
      invalid(
        !validStockLines(trigger.input.lines, (line: { quantity: number }) => wholePositive(line.quantity)),
      );
      break;
    case 'adjustment': {
      const { lines, warehouseId } = trigger.input;
      const valid = validStockLines(
        lines,
        (line: { delta: number }) => Number.isInteger(line.delta) && line.delta !== 0,
      );
      invalid(!valid);
      for (const { sku, delta } of valid ? lines : []) {
        const onHand = levelOf(state, warehouseId, sku).onHand + delta;
        if (onHand < 0 || onHand < lockedUnits(state, warehouseId, sku)) codes.add('STOCK_CONFLICT');
      }
      break;
    }
    case 'allocate': {
      const { lines, reason } = trigger.input;
      const valid =
        lines.length > 0 &&
        distinct(lines.map((line) => line.lineId)) &&
        lines.every((line) => present(line.lineId) && wholePositive(line.quantity));
      invalid(!valid || !present(reason));
      needOrder();
      allowed(['AwaitingStock', 'OnHold']);
      if (codes.size > 0 || !order) break;
      const taken = new Map<string, number>();
      for (const request of lines) {
        const line = order.lines.find((candidate) => candidate.lineId === request.lineId);
        if (!line?.sku || request.quantity > missing(line)) {
          codes.add('INVALID_INPUT');
          break;
        }
        const level = levelOf(state, order.warehouseId, line.sku);
        const free = level.onHand - level.allocated - (taken.get(line.sku) ?? 0);
        if (request.quantity > free) {
          codes.add('INSUFFICIENT_STOCK');
          break;
        }
        taken.set(line.sku, (taken.get(line.sku) ?? 0) + request.quantity);
      }
      break;
    }
    case 'release':
    case 'hold':
    case 'unhold':
    case 'split':
    case 'cancel': {
      invalid(!present(trigger.input.reason));
      needOrder();
      if (trigger.kind === 'cancel' && order?.status === 'Cancelled') noop = true;
      else allowed(STATUSES_FOR[trigger.kind]);
      if (trigger.kind === 'split' && order && codes.size === 0) {
        const canSplit =
          order.lines.some((line) => missing(line) > 0) && order.lines.some((line) => line.allocated > 0);
        const { splitSupported, maxShipments } = policyOf(config, order);
        const capped = maxShipments !== null && shipmentsAfterSplit(state, order) > maxShipments;
        if (!splitSupported || !canSplit || capped) codes.add('SPLIT_NOT_POSSIBLE');
      }
      break;
    }
    case 'channelCancel':
      needOrder();
      // Members being picked or shipped record the refusal once; after that a repeat changes nothing.
      noop = familyOf(state, trigger.input.orderId).every(
        (member) =>
          !OPEN.includes(member.status) &&
          (!['InFulfilment', 'Dispatched'].includes(member.status) || member.refusedChange === 'cancel'),
      );
      break;
    case 'fulfilment':
      needOrder();
      noop = order?.status === 'InFulfilment' || order?.status === 'Dispatched';
      if (!noop) allowed(['ReadyToPick']);
      break;
    case 'expiry':
      needOrder();
      noop = !(order?.status === 'AwaitingStock' && order.splitDueAt && now >= Date.parse(order.splitDueAt));
      break;
    case 'dispatch': {
      const lines = trigger.input.lines ?? [];
      needOrder();
      invalid(
        !distinct(lines.map((line) => line.lineId)) ||
          !lines.every(
            (line) => present(line.lineId) && Number.isInteger(line.quantity) && line.quantity >= 0,
          ),
      );
      if (codes.size > 0 || !order) break;
      noop = order.status === 'Dispatched';
      if (noop) break;
      allowed(['ReadyToPick', 'InFulfilment']);
      for (const request of lines) {
        const line = order.lines.find((candidate) => candidate.lineId === request.lineId);
        invalid(!line || request.quantity > (line.sku === null ? line.quantity : line.allocated));
      }
      break;
    }
    // A channel change is never refused for the order's state (DESIGN §10): what cannot apply is recorded.
    case 'update':
      invalid(!validOrderLines(trigger.input.lines));
      needOrder();
      break;
    case 'channelChange':
      needOrder();
      break;
  }
  return { refusals: [...codes], noop: noop && codes.size === 0 };
};

const STATUSES_FOR: Record<'release' | 'hold' | 'unhold' | 'split' | 'cancel', readonly OrderStatus[]> = {
  release: OPEN,
  hold: ['AwaitingStock', 'ReadyToPick'],
  unhold: ['OnHold'],
  split: ['AwaitingStock', 'OnHold'],
  cancel: OPEN,
};

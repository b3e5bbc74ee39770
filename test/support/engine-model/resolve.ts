import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import type { OrderStatus } from '../../../shared/domain/order.js';
import { missing } from './policy-model.js';
import type { DecisionTrigger } from './trigger-types.js';
import { formatTime, levelOf, type TenantState } from './world.js';

const OPEN: readonly OrderStatus[] = ['AwaitingStock', 'ReadyToPick', 'OnHold', 'InFulfilment'];

/** The statuses in which each act does something. */
const FITS: Record<DecisionTrigger['kind'], readonly OrderStatus[]> = {
  intake: [],
  receipt: [],
  serve: [],
  adjustment: [],
  allocate: ['AwaitingStock', 'OnHold'],
  release: ['AwaitingStock', 'ReadyToPick', 'OnHold'],
  hold: ['AwaitingStock', 'ReadyToPick'],
  unhold: ['OnHold'],
  split: ['AwaitingStock', 'OnHold'],
  cancel: ['AwaitingStock', 'ReadyToPick', 'OnHold'],
  channelCancel: ['AwaitingStock', 'ReadyToPick', 'OnHold'],
  fulfilment: ['ReadyToPick'],
  dispatch: ['ReadyToPick', 'InFulfilment'],
  update: ['AwaitingStock', 'ReadyToPick', 'OnHold'],
  channelChange: ['AwaitingStock', 'ReadyToPick', 'OnHold', 'InFulfilment', 'Dispatched'],
  expiry: ['AwaitingStock'],
};

/** Turns `@fit:n`, `@open:n` or `@any:n` into an order the tenant has now; any other id is kept. */
const resolveId = (state: TenantState, kind: DecisionTrigger['kind'], id: string): string => {
  const [, scope, n] = /^@(fit|open|any):(\d+)$/.exec(id) ?? [];
  if (!scope) return id;
  const statuses = scope === 'fit' ? FITS[kind] : scope === 'open' ? OPEN : null;
  const ids = [...state.orders.values()]
    .filter((order) => !statuses || statuses.includes(order.status))
    .filter((order) => scope !== 'fit' || kind !== 'expiry' || order.splitDueAt)
    .map((order) => order.orderId)
    .sort();
  return ids[Number(n) % Math.max(1, ids.length)] ?? 'o-none';
};

/**
 * The trigger as it runs against the current state: placeholders resolved, times spelled out from
 * the clock, and `fit` manual allocations sized to what the line still needs and the stock has.
 */
export const resolveTrigger = (
  trigger: DecisionTrigger,
  state: TenantState,
  now: number,
): { trigger: DecisionTrigger; input: unknown } => {
  if (trigger.kind === 'intake') {
    const { created, shipBy, order } = trigger;
    const input: IncomingOrder = {
      ...order,
      createdAt: formatTime(now + created.offsetMs, created.format),
      ...(shipBy ? { shipBy: formatTime(now + shipBy.offsetMs, shipBy.format) } : {}),
    };
    return { trigger, input };
  }
  if (!('orderId' in trigger.input)) return { trigger, input: trigger.input };
  const orderId = resolveId(state, trigger.kind, trigger.input.orderId);
  const resolved = { ...trigger, input: { ...trigger.input, orderId } } as typeof trigger;
  if (resolved.kind === 'allocate' && resolved.fit) {
    const order = state.orders.get(orderId);
    const lines = resolved.input.lines.map((request) => {
      const line = order?.lines.find((candidate) => candidate.lineId === request.lineId);
      if (!order || !line?.sku) return request;
      const level = levelOf(state, order.warehouseId, line.sku);
      return { ...request, quantity: Math.max(1, Math.min(missing(line), level.onHand - level.allocated)) };
    });
    resolved.input = { ...resolved.input, lines };
  }
  return { trigger: resolved, input: resolved.input };
};

import { isOlderVersion } from '../domain/channel-change.js';
import { OrderAlreadyExistsError } from '../domain/errors.js';
import { type IncomingOrder, incomingOrderSchema, parseInput } from '../domain/inputs.js';
import { isStockManaged, type SaleOrder } from '../domain/order.js';
import type { Decision, DecisionContext, StateSnapshot } from './decision.js';
import { expandKitLines, planWholeKits } from './kit-lines.js';
import { holdsPartialStock, policyForOrder } from './order-policy.js';
import { splitOrder } from './split-order.js';
import { splitVerdict } from './split-verdict.js';
import { takeForWinner } from './win-redistribution.js';
import { Workspace } from './workspace.js';

/**
 * Intake: applies the order's `onShortage` policy to its lines against available stock.
 *
 * @example
 * ```ts
 * const decision = decideIntake(context, { stock: [level], orders: [] }, incomingOrder);
 * decision.orders[0].after.status; // 'ReadyToPick' when every line was available
 * ```
 */
export const decideIntake = (
  context: DecisionContext,
  snapshot: StateSnapshot,
  input: IncomingOrder,
): Decision => {
  const incoming = parseInput(incomingOrderSchema, input, 'order');
  const ws = new Workspace(context, snapshot);
  if (ws.hasOrder(incoming.orderId)) throw new OrderAlreadyExistsError(incoming.orderId);

  // A change the channel sent before its order arrived (DESIGN §10), unless the order is newer.
  const kept = snapshot.channelChanges?.find((change) => change.orderId === incoming.orderId);
  const early = kept && !isOlderVersion(kept.version, incoming.channelVersion) ? kept : undefined;
  const lines = early?.lines && !early.cancelled ? early.lines : incoming.lines;
  const order: SaleOrder = {
    ...incoming,
    tenantId: context.tenantId,
    status: 'AwaitingStock',
    // A kit line is kept as its components, so every rule works per component SKU (DESIGN §14).
    lines: expandKitLines(
      context.kits,
      lines.map((line) => ({ ...line, allocated: 0 })),
    ),
    backorderIds: [],
    fillable: false,
    version: 0,
    // The commit holds only while the kept change is still the one read here.
    ...(kept?.seq ? { channelChangeSeq: kept.seq } : {}),
  };
  ws.addOrder(order);
  ws.note(order, 'received', `Received from ${order.channel} as ${order.channelOrderId}.`);
  if (early?.cancelled) {
    order.status = 'Cancelled';
    ws.note(
      order,
      'cancelled',
      `The channel cancelled it before it arrived${early.reason ? `: ${early.reason}` : ''}.`,
    );
    return ws.finish();
  }
  if (early)
    ws.note(order, 'updated', 'The channel changed it before it arrived: its latest lines are taken.');
  for (const line of order.lines.filter((candidate) => !isStockManaged(candidate))) {
    ws.note(order, 'received', `Line ${line.lineId} has no SKU: kept on the order, not stock-managed.`);
  }

  const plan = planWholeKits(order.lines, planAllocation(ws, order));
  const short = order.lines
    .filter(isStockManaged)
    .filter((line) => (plan.get(line.lineId) ?? 0) < line.quantity);
  const policy = policyForOrder(ws, order, short.length > 0 ? short.map((line) => line.sku) : undefined);
  const allocatePlan = (why: string) => {
    for (const line of order.lines.filter(isStockManaged))
      ws.allocate(order, line, plan.get(line.lineId) ?? 0, why);
  };

  // A `win` order must be complete: it takes what stock lacks from `lose` and `redistribute` orders,
  // or, when even that cannot complete it, is treated by its shortage policy like any other.
  if (short.length > 0 && policy.values.strategy === 'win' && policy.values.autoAllocate) {
    if (takeForWinner(ws, order, `intake of ${order.orderId}`)) return ws.finish();
  }

  if (short.length === 0) {
    allocatePlan('Available at intake.');
    order.status = 'ReadyToPick';
    ws.note(order, 'allocated', 'Every line was available: ready to pick.', policy);
    return ws.finish();
  }

  const missing = short
    .map((line) => `${line.quantity - (plan.get(line.lineId) ?? 0)} × ${line.sku}`)
    .join(', ');
  const values = policy.values;
  switch (values.onShortage) {
    case 'reject':
      order.status = 'Rejected';
      ws.note(order, 'rejected', `Short of ${missing}: refused by the reject policy.`, policy);
      break;
    case 'dropShort':
      dropShortUnits(ws, order, plan, missing, policy, allocatePlan);
      break;
    case 'holdAll':
      ws.note(
        order,
        'awaitingStock',
        `Short of ${missing}: holding everything until all of it is available.`,
        policy,
      );
      break;
    case 'holdPartial':
      holdPartial(ws, order, values.reserveWhileWaiting, missing, policy, allocatePlan);
      break;
    case 'split': {
      const verdict = splitVerdict(ws, order, values, plan);
      if (verdict.kind === 'split') {
        allocatePlan('Available at intake: ships now.');
        splitOrder(ws, order, `Short of ${missing}. ${verdict.reason}`, policy);
        break;
      }
      if (verdict.kind === 'delay') order.splitDueAt = verdict.until;
      if (holdsPartialStock(values)) allocatePlan('Available at intake: held while waiting.');
      ws.note(order, 'awaitingStock', `Short of ${missing}. ${verdict.reason}`, policy);
      break;
    }
  }
  return ws.finish();
};

/** Units each stock-managed line could take from available stock, first line first. */
const planAllocation = (ws: Workspace, order: SaleOrder): Map<string, number> => {
  const left = new Map<string, number>();
  const plan = new Map<string, number>();
  for (const line of order.lines.filter(isStockManaged)) {
    const free = left.get(line.sku) ?? ws.available(order.warehouseId, line.sku);
    const take = Math.min(line.quantity, Math.max(0, free));
    plan.set(line.lineId, take);
    left.set(line.sku, free - take);
  }
  return plan;
};

const holdPartial = (
  ws: Workspace,
  order: SaleOrder,
  reserveWhileWaiting: boolean,
  missing: string,
  policy: ReturnType<typeof policyForOrder>,
  allocatePlan: (why: string) => void,
) => {
  if (reserveWhileWaiting) {
    allocatePlan('Available at intake: held while waiting.');
    ws.note(
      order,
      'awaitingStock',
      `Short of ${missing}: holding what is available and waiting for the rest.`,
      policy,
    );
  } else {
    ws.note(
      order,
      'awaitingStock',
      `Short of ${missing}: reserveWhileWaiting is off, so nothing is held yet.`,
      policy,
    );
  }
};

const dropShortUnits = (
  ws: Workspace,
  order: SaleOrder,
  plan: ReadonlyMap<string, number>,
  missing: string,
  policy: ReturnType<typeof policyForOrder>,
  allocatePlan: (why: string) => void,
) => {
  const shippable = order.lines.some((line) => !isStockManaged(line) || (plan.get(line.lineId) ?? 0) > 0);
  if (!shippable) {
    order.status = 'Rejected';
    ws.note(
      order,
      'rejected',
      `Short of ${missing}: dropShort would drop every line, so the order is refused.`,
      policy,
    );
    return;
  }
  allocatePlan('Available at intake.');
  for (const line of order.lines.filter(isStockManaged)) {
    const dropped = line.quantity - line.allocated;
    if (dropped > 0) {
      line.dropped = dropped;
      line.quantity = line.allocated;
    }
  }
  order.status = 'ReadyToPick';
  ws.note(order, 'dropped', `Short of ${missing}: dropped the missing units and ships the rest.`, policy);
};

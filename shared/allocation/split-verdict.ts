import { backorderNumber } from '../domain/backorder-id.js';
import { isStockManaged, type SaleOrder } from '../domain/order.js';
import type { MinimumFill, Policy } from '../policy/policy.js';
import { queuePriority } from '../policy/resolve-policy.js';
import { promiseBehind } from '../promises/expected-dates.js';
import { nextBackorderIdIn } from './split-order.js';
import { compareWaiting } from './waiting-queue.js';
import type { Workspace } from './workspace.js';

export type SplitVerdict =
  | { kind: 'split'; reason: string }
  | { kind: 'delay'; until: string; reason: string }
  | { kind: 'hold'; reason: string; capped?: true };

const DAY_MS = 86_400_000;

/** Compares instants: times may be written with any offset or precision, so text order is not time order. */
export const isBefore = (time: string, other: string): boolean => Date.parse(time) < Date.parse(other);

/**
 * Whether a short order under the `split` policy splits now, waits for its split delay, or stays
 * whole. `allocatedByLine` is what the order would hold (its allocations plus any planned ones).
 */
export const splitVerdict = (
  ws: Workspace,
  order: SaleOrder,
  policy: Policy,
  allocatedByLine: ReadonlyMap<string, number>,
): SplitVerdict => {
  if (!policy.splitSupported) {
    return {
      kind: 'hold',
      reason: `Channel ${order.channel} cannot take split orders: held with what is available.`,
    };
  }
  const shipments = shipmentsAfterSplit(ws, order);
  if (policy.maxShipments !== null && shipments > policy.maxShipments) {
    return { kind: 'hold', capped: true, reason: capReason(shipments, policy.maxShipments) };
  }
  const managed = order.lines.filter(isStockManaged);
  const shipping = managed.reduce((sum, line) => sum + (allocatedByLine.get(line.lineId) ?? 0), 0);
  const ordered = managed.reduce((sum, line) => sum + line.quantity, 0);
  if (shipping === 0)
    return { kind: 'hold', reason: 'Nothing is available to ship yet, so there is nothing to split.' };
  if (!meetsMinimumFill(shipping, ordered, policy.minimumFill)) {
    return {
      kind: 'hold',
      reason: `Only ${shipping} of ${ordered} units are available, below the minimum fill of ${describeFill(policy.minimumFill)}: not split.`,
    };
  }
  const now = ws.context.now;
  if (order.splitDueAt && isBefore(now, order.splitDueAt)) {
    return { kind: 'delay', until: order.splitDueAt, reason: `Split waits until ${order.splitDueAt}.` };
  }
  if (!order.splitDueAt && policy.splitDelayDays > 0) {
    const until = new Date(Date.parse(now) + policy.splitDelayDays * DAY_MS).toISOString();
    if (missingStockDueBy(ws, order, allocatedByLine, until)) {
      return {
        kind: 'delay',
        until,
        reason: `The missing stock is due by ${until}, within the split delay of ${policy.splitDelayDays} days: waiting instead of splitting.`,
      };
    }
  }
  return {
    kind: 'split',
    reason: `Split: ${shipping} of ${ordered} units ship now, the rest waits on a backorder.`,
  };
};

/** Shipments the family would make after one more split: the root and every backorder, the new one included. */
export const shipmentsAfterSplit = (ws: Workspace, order: SaleOrder): number =>
  backorderNumber(nextBackorderIdIn(ws, order)) + 1;

export const capReason = (shipments: number, cap: number): string =>
  `A split would make ${shipments} shipments, more than maxShipments ${cap}: held with what is available.`;

const meetsMinimumFill = (shipping: number, ordered: number, fill: MinimumFill | null): boolean => {
  if (!fill) return true;
  return fill.kind === 'units' ? shipping >= fill.value : shipping * 100 >= fill.value * ordered;
};

const describeFill = (fill: MinimumFill | null): string =>
  fill === null ? 'none' : fill.kind === 'units' ? `${fill.value} units` : `${fill.value}%`;

/**
 * True when open inbound supply due by `until` covers every missing unit of the order once the
 * orders ahead of it in each SKU's queue (those the decision holds) have taken theirs: the order's
 * expected date (DESIGN §15) is within the delay.
 */
const missingStockDueBy = (
  ws: Workspace,
  order: SaleOrder,
  allocatedByLine: ReadonlyMap<string, number>,
  until: string,
): boolean => {
  const missingBySku = new Map<string, number>();
  for (const line of order.lines.filter(isStockManaged)) {
    const missing = line.quantity - (allocatedByLine.get(line.lineId) ?? 0);
    if (missing > 0) missingBySku.set(line.sku, (missingBySku.get(line.sku) ?? 0) + missing);
  }
  // An ETA that is not a time never counts as due (NaN compares false).
  const deadline = Date.parse(until);
  const supply = (ws.inbound ?? []).filter((each) => each.warehouseId === order.warehouseId);
  return [...missingBySku].every(([sku, missing]) => {
    const byRule = compareWaiting(queuePriority(ws.context.policies, sku));
    const ahead = ws
      .orders()
      .filter(
        (other) =>
          other.orderId !== order.orderId &&
          other.warehouseId === order.warehouseId &&
          byRule(other, order) < 0,
      )
      .sort(byRule);
    const { expectedBy } = promiseBehind(ahead, sku, missing, supply);
    return expectedBy !== null && Date.parse(expectedBy) <= deadline;
  });
};

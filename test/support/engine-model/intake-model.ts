import { expandKitLines } from '../../../shared/allocation/kit-lines.js';
import { compareWaiting } from '../../../shared/allocation/waiting-queue.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import type { KitBook } from '../../../shared/domain/kit.js';
import type { OrderStatus } from '../../../shared/domain/order.js';
import type { Policy, PolicyConfig } from '../../../shared/policy/policy.js';
import { queuePriority } from '../../../shared/policy/resolve-policy.js';
import { holdsPartial, modelPolicy } from './policy-model.js';
import { levelOf, type TenantState } from './world.js';

export interface IntakeOutcome {
  status: OrderStatus;
  lines: Array<{ lineId: string; quantity: number; allocated: number; dropped?: number }>;
  backorder?: Array<{ lineId: string; quantity: number; allocated: number }>;
  splitDueAt?: string;
}

const DAY = 86_400_000;

/** DESIGN §3 `onShortage`, written out: what intake must do with a new order against available stock. */
export const expectedIntake = (
  state: TenantState,
  config: PolicyConfig,
  incoming: IncomingOrder,
  now: number,
  kits?: KitBook,
): IntakeOutcome => {
  const left = new Map<string, number>();
  // A kit line stands as its components (the engine's own expansion); each takes what is free, then
  // the kit line keeps whole kits only and the rest stays free (wholeKitTakes).
  const takes = expandKitLines(kits, incoming.lines).map((line) => {
    if (line.sku === null) return { ...line, sku: null, take: 0 };
    const level = levelOf(state, incoming.warehouseId, line.sku);
    const free = left.get(line.sku) ?? level.onHand - level.allocated;
    const take = Math.min(line.quantity, Math.max(0, free));
    left.set(line.sku, free - take);
    return { ...line, sku: line.sku, take };
  });
  const lines = wholeKitTakes(takes);
  const short = lines.filter((line) => line.sku !== null && line.take < line.quantity);
  const waiting = (status: OrderStatus, holds: boolean): IntakeOutcome => ({
    status,
    lines: lines.map(({ lineId, quantity, take }) => ({ lineId, quantity, allocated: holds ? take : 0 })),
  });
  if (short.length === 0) return waiting('ReadyToPick', true);

  const policy = modelPolicy(
    config,
    incoming.channel,
    short.map((line) => line.sku as string),
    incoming.policyOverride,
  );
  switch (policy.onShortage) {
    case 'reject':
      return waiting('Rejected', false);
    case 'holdAll':
      return waiting('AwaitingStock', false);
    case 'holdPartial':
      return waiting('AwaitingStock', policy.reserveWhileWaiting);
    case 'dropShort':
      if (!lines.some((line) => line.sku === null || line.take > 0)) return waiting('Rejected', false);
      return {
        status: 'ReadyToPick',
        lines: lines.map(({ lineId, sku, quantity, take }) =>
          sku === null
            ? { lineId, quantity, allocated: 0 }
            : {
                lineId,
                quantity: take,
                allocated: take,
                ...(take < quantity ? { dropped: quantity - take } : {}),
              },
        ),
      };
    case 'split': {
      const shipping = lines.reduce((sum, line) => sum + line.take, 0);
      const ordered = lines.reduce((sum, line) => sum + (line.sku === null ? 0 : line.quantity), 0);
      // A first split makes two shipments: a cap of one holds instead.
      const capped = policy.maxShipments !== null && policy.maxShipments < 2;
      if (!policy.splitSupported || capped || shipping === 0 || !meetsMinimumFill(policy, shipping, ordered))
        return waiting('AwaitingStock', holdsPartial(policy));
      const until = now + policy.splitDelayDays * DAY;
      if (policy.splitDelayDays > 0 && missingArrivesBy(state, config, incoming, lines, until)) {
        return {
          ...waiting('AwaitingStock', holdsPartial(policy)),
          splitDueAt: new Date(until).toISOString(),
        };
      }
      return {
        status: 'ReadyToPick',
        lines: lines
          .filter((line) => line.sku === null || line.take > 0)
          .map(({ lineId, sku, quantity, take }) => ({
            lineId,
            quantity: sku === null ? quantity : take,
            allocated: take,
          })),
        backorder: short.map(({ lineId, quantity, take }) => ({
          lineId,
          quantity: quantity - take,
          allocated: 0,
        })),
      };
    }
  }
};

/**
 * The model's whole-kit arithmetic: a kit line takes as many kits as its scarcest component's take
 * makes, and each component that many kits' units.
 */
const wholeKitTakes = <L extends { take: number; kitLineId?: string; perKit?: number }>(lines: L[]): L[] => {
  const kitsOf = new Map<string, number>();
  for (const line of lines) {
    if (line.kitLineId === undefined || !line.perKit) continue;
    const kits = Math.floor(line.take / line.perKit);
    kitsOf.set(line.kitLineId, Math.min(kitsOf.get(line.kitLineId) ?? kits, kits));
  }
  return lines.map((line) =>
    line.kitLineId === undefined || !line.perKit
      ? line
      : { ...line, take: (kitsOf.get(line.kitLineId) ?? 0) * line.perKit },
  );
};

const meetsMinimumFill = (policy: Policy, shipping: number, ordered: number) =>
  !policy.minimumFill ||
  (policy.minimumFill.kind === 'units'
    ? shipping >= policy.minimumFill.value
    : shipping * 100 >= policy.minimumFill.value * ordered);

/**
 * Inbound ETAs are instants: one spelled with an offset is due when that instant has passed. The
 * missing units are due by `until` when the open units due by then cover the shortfall of the
 * waiting orders ahead in the SKU's queue as well as this order's (DESIGN §15: earlier orders take
 * supply first), written here as a count rather than as the engine's walk.
 */
const missingArrivesBy = (
  state: TenantState,
  config: PolicyConfig,
  incoming: IncomingOrder,
  lines: Array<{ sku: string | null; quantity: number; take: number }>,
  until: number,
) => {
  const missingBySku = new Map<string, number>();
  for (const line of lines) {
    if (line.sku !== null && line.take < line.quantity)
      missingBySku.set(line.sku, (missingBySku.get(line.sku) ?? 0) + line.quantity - line.take);
  }
  return [...missingBySku].every(([sku, units]) => {
    const due = state.inbound
      .filter((supply) => supply.warehouseId === incoming.warehouseId && supply.sku === sku)
      .filter((supply) => Date.parse(supply.eta) <= until)
      .reduce((sum, supply) => sum + Math.max(0, supply.quantity - (supply.received ?? 0)), 0);
    const byRule = compareWaiting(queuePriority(config, sku));
    const ahead = [...state.orders.values()]
      .filter(
        (other) =>
          other.status === 'AwaitingStock' &&
          other.warehouseId === incoming.warehouseId &&
          other.orderId !== incoming.orderId &&
          byRule(other, incoming) < 0,
      )
      .flatMap((other) => other.lines.filter((line) => line.sku === sku))
      .reduce((sum, line) => sum + Math.max(0, line.quantity - line.allocated), 0);
    return due >= ahead + units;
  });
};

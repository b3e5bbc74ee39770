import type { OrderLine, SaleOrder } from '../../../shared/domain/order.js';
import { must, type StepFacts, show } from './checks.js';
import { tally } from './coverage.js';
import { holdsPartial, policyOf } from './policy-model.js';
import { levelOf, type TenantState } from './world.js';

// DESIGN §14 written out by the model: a kit line is its component lines, and counts in whole kits.

type ComponentLine = OrderLine & { sku: string; kitLineId: string; perKit: number };

const componentsOf = (order: SaleOrder): Map<string, ComponentLine[]> => {
  const groups = new Map<string, ComponentLine[]>();
  for (const line of order.lines) {
    if (line.kitLineId === undefined || line.sku === null || !line.perKit) continue;
    groups.set(line.kitLineId, [...(groups.get(line.kitLineId) ?? []), line as ComponentLine]);
  }
  return groups;
};

/** The one count every component of a kit line shows, or NaN when they disagree or split a kit. */
const kitCount = (group: readonly ComponentLine[], units: (line: ComponentLine) => number): number => {
  const counts = new Set(group.map((line) => units(line) / line.perKit));
  const [count] = counts;
  return counts.size === 1 && count !== undefined && Number.isInteger(count) ? count : Number.NaN;
};

const kitsAllocated = (group: readonly ComponentLine[]) => kitCount(group, (line) => line.allocated);

/**
 * Every kit line of every order is allocated in whole kits (each component holds the same number of
 * kits' units), and its components' units ordered add up to the same number of kits.
 */
export const checkKitLines = (state: TenantState): void => {
  for (const order of state.orders.values()) {
    for (const [kitLineId, group] of componentsOf(order)) {
      tally('kit line kept');
      const allocated = kitsAllocated(group);
      must(
        !Number.isNaN(allocated),
        () => `${order.orderId} kit line ${kitLineId} is not allocated in whole kits: ${show(group)}`,
      );
      if (allocated > 0) tally('kit line allocated');
      must(
        !Number.isNaN(kitCount(group, (line) => line.quantity + (line.dropped ?? 0))),
        () => `${order.orderId} kit line ${kitLineId}: components do not add up per kit: ${show(group)}`,
      );
      must(
        group.every((line) => line.kitSku === group[0]?.kitSku),
        () => `${order.orderId} kit line ${kitLineId} mixes kits: ${show(group)}`,
      );
    }
  }
};

/**
 * A receipt of one component serves waiting kit lines kit by kit: a kit line gains whole kits only,
 * and once it is served, no kit line of an order that keeps stock while it waits stays short while
 * free stock could make one more of its kits.
 */
export const checkKitServing = ({ trigger, pre, post, config, decision }: StepFacts): void => {
  if (trigger.kind !== 'receipt') return;
  for (const { before, after } of decision.stock) {
    const received = trigger.input.lines.find((line) => line.sku === after.sku)?.quantity ?? 0;
    must(
      after.onHand - before.onHand === received,
      () => `receipt changed ${after.sku} on hand by ${after.onHand - before.onHand}`,
    );
  }
  const { warehouseId } = trigger.input;
  const free = (sku: string) => {
    const level = levelOf(post, warehouseId, sku);
    return Math.max(0, level.onHand - level.allocated);
  };
  // Units an order waiting for a person is short of are set aside for it (as checkServing has it).
  const setAside = [...pre.orders.values()].some(
    (order) =>
      order.status === 'AwaitingStock' &&
      order.warehouseId === warehouseId &&
      !policyOf(config, order).autoAllocate &&
      order.lines.some(
        (line) =>
          line.allocated < line.quantity && trigger.input.lines.some((input) => input.sku === line.sku),
      ),
  );
  for (const waiting of pre.orders.values()) {
    const served = post.orders.get(waiting.orderId);
    if (!served || waiting.status !== 'AwaitingStock' || waiting.warehouseId !== warehouseId) continue;
    // An order's policy follows the SKUs it is short of: it keeps stock while it waits only if it
    // does so both before the receipt and after it (SKU layers may differ).
    const eager =
      [waiting, served].every((order) => {
        const policy = policyOf(config, order);
        return policy.autoAllocate && holdsPartial(policy);
      }) && served.status === 'AwaitingStock';
    const after = componentsOf(served);
    for (const [kitLineId, group] of componentsOf(waiting)) {
      const now = after.get(kitLineId) ?? [];
      const gained = kitsAllocated(now) - kitsAllocated(group);
      if (gained > 0) tally('kit line served by a receipt');
      const ordered = kitCount(now, (line) => line.quantity);
      // Only a kit line short of a received component is the receipt's to serve.
      const received = group.some(
        (line) =>
          line.allocated < line.quantity && trigger.input.lines.some((input) => input.sku === line.sku),
      );
      if (setAside || !eager || !received || kitsAllocated(now) >= ordered) continue;
      const oneMore = now.every((line) => free(line.sku) >= line.perKit);
      must(
        !oneMore,
        () => `${waiting.orderId} kit line ${kitLineId} waits for a kit that free stock makes: ${show(now)}`,
      );
    }
  }
};

/**
 * Whether free stock of `sku` could serve the order more: a plain line short of it, or a kit line
 * short of it whose every component has a whole kit's units free.
 */
export const couldTakeMore = (state: TenantState, order: SaleOrder, sku: string): boolean => {
  const free = (component: string) => {
    const level = levelOf(state, order.warehouseId, component);
    return level.onHand - level.allocated;
  };
  const plain = order.lines.some(
    (line) => line.kitLineId === undefined && line.sku === sku && line.allocated < line.quantity,
  );
  return (
    plain ||
    [...componentsOf(order).values()].some(
      (group) =>
        group.some((line) => line.sku === sku && line.allocated < line.quantity) &&
        group.every((line) => free(line.sku) >= line.perKit),
    )
  );
};

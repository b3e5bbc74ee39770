import type { SaleOrder } from '../../../shared/domain/order.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import { allocatedOf, changedOrders, must, type StepFacts, shortOf, show } from './checks.js';
import { tally } from './coverage.js';
import { couldTakeMore } from './kit-checks.js';
import { holdsPartial, policyOf, queueRule, servedBefore } from './policy-model.js';
import { levelOf } from './world.js';

/** An order's policy follows the SKUs it is short of, so a SKU layer can change how it waits. */
const layersFlip = (config: PolicyConfig) =>
  Object.values(config.skus ?? {}).some(
    (layer) =>
      layer.reserveWhileWaiting !== undefined || layer.onShortage || layer.autoAllocate !== undefined,
  );

/**
 * A receipt (or a serve of free stock) changes only the waiting orders of its SKUs (rule 2) and,
 * for one SKU, serves them in policy order: no order gains while an earlier one stays short, and no
 * stock sits idle while such an order waits.
 */
export const checkServing = ({ trigger, pre, post, config, decision }: StepFacts) => {
  if (trigger.kind !== 'receipt' && trigger.kind !== 'serve') return;
  const targets =
    trigger.kind === 'serve'
      ? trigger.input.targets
      : trigger.input.lines.map(({ sku }) => ({ warehouseId: trigger.input.warehouseId, sku }));
  for (const { before, after } of decision.stock) {
    const received =
      trigger.kind === 'receipt' ? trigger.input.lines.find((line) => line.sku === after.sku) : undefined;
    const change = after.onHand - before.onHand;
    must(
      change === (received?.quantity ?? 0),
      () => `${trigger.kind} changed ${after.sku} on hand by ${change}`,
    );
  }
  const waitsFor = (order: SaleOrder, { warehouseId, sku }: { warehouseId: string; sku: string }) =>
    order.status === 'AwaitingStock' && order.warehouseId === warehouseId && shortOf(order, sku) > 0;
  // An order the stock made ready merges with its ready parent or backorder (mergeSiblings): both change.
  const mergedInto = new Set(
    decision.events.flatMap((event) =>
      event.detailType === 'Orders Merged' ? [event.detail.orderId, event.detail.mergedId] : [],
    ),
  );
  for (const order of changedOrders(pre, post)) {
    must(
      targets.some((target) => waitsFor(order, target)) || mergedInto.has(order.orderId),
      () => `${trigger.kind} of ${show(targets)} changed ${order.orderId}, which was not waiting for them`,
    );
  }
  const [only] = targets;
  if (targets.length !== 1 || !only) return;
  const { warehouseId } = only;
  const waiting = [...pre.orders.values()].filter((order) => waitsFor(order, only));
  const queue = waiting.sort(servedBefore(queueRule(config, only.sku)));
  const eager = queue.filter((order) => {
    const policy = policyOf(config, order);
    return policy.autoAllocate && holdsPartial(policy);
  });
  if (eager.length > 1) tally('queue of eager orders served');
  const gained = (order: SaleOrder) =>
    allocatedOf(post.orders.get(order.orderId), only.sku) > allocatedOf(order, only.sku);
  const stillShort = (order: SaleOrder) => shortOf(post.orders.get(order.orderId), only.sku) > 0;
  eager.forEach((earlier, index) => {
    const jumped = eager.slice(index + 1).find(gained);
    must(
      !(jumped && stillShort(earlier)),
      () => `${jumped?.orderId} was served before ${earlier.orderId} (${queueRule(config, only.sku)})`,
    );
  });
  const level = levelOf(post, warehouseId, only.sku);
  if (level.onHand > level.allocated && queue.every((order) => policyOf(config, order).autoAllocate)) {
    const idle = eager.filter(stillShort).map((order) => order.orderId);
    must(
      idle.length === 0,
      () => `${level.onHand - level.allocated} × ${only.sku} left free while ${idle} wait`,
    );
  }
};

/**
 * DESIGN §4 rule 5, for one SKU whose holders all keep partial stock (so nothing else is freed):
 * stock comes back from the lowest-priority holders first, and only as much as is missing.
 */
export const checkTakeBack = ({ trigger, pre, post, config, kits }: StepFacts) => {
  if (trigger.kind !== 'adjustment' || trigger.input.lines.length !== 1) return;
  const [{ sku, delta }] = trigger.input.lines as [{ sku: string; delta: number }];
  const { warehouseId } = trigger.input;
  const level = levelOf(pre, warehouseId, sku);
  const excess = level.allocated - (level.onHand + delta);
  if (delta > 0 || excess <= 0) return;
  const holders = [...pre.orders.values()]
    .filter((order) => ['ReadyToPick', 'AwaitingStock'].includes(order.status))
    .filter((order) => order.warehouseId === warehouseId && allocatedOf(order, sku) > 0)
    .sort(servedBefore(queueRule(config, sku)));
  if (layersFlip(config) || !holders.every((order) => holdsPartial(policyOf(config, order)))) return;
  if (holders.length > 1) tally('stock taken back from a queue');
  const left = (order: SaleOrder) => allocatedOf(post.orders.get(order.orderId), sku);
  const taken = holders.reduce((sum, order) => sum + allocatedOf(order, sku) - left(order), 0);
  // A kit line gives back whole kits (DESIGN §14): the last one taken from may give up to a kit more.
  const slack = kits
    ? Math.max(
        0,
        ...holders.flatMap((order) =>
          order.lines.map((line) => (line.sku === sku ? (line.perKit ?? 1) : 1) - 1),
        ),
      )
    : 0;
  must(
    taken >= excess && taken <= excess + slack,
    () => `took back ${taken} × ${sku} for an excess of ${excess}`,
  );
  holders.forEach((order, index) => {
    // What a later order keeps may be less than a kit of this one's: this one could not hold it.
    const kit = Math.max(1, ...order.lines.map((line) => (line.sku === sku ? (line.perKit ?? 1) : 1)));
    const kept = holders.slice(index + 1).find((later) => left(later) >= kit);
    must(
      left(order) === allocatedOf(order, sku) || !kept,
      () => `took ${sku} from ${order.orderId} while ${kept?.orderId}, served later, kept its stock`,
    );
  });
};

/** `autoAllocate: false`: a waiting order gains stock only when a person allocates it. */
const checkManualReview = ({ pre, post, config, subjects }: StepFacts) => {
  for (const order of changedOrders(pre, post)) {
    if (
      subjects.has(order.orderId) ||
      order.status !== 'AwaitingStock' ||
      policyOf(config, order).autoAllocate
    )
      continue;
    const now = post.orders.get(order.orderId);
    const delta = order.lines.map(
      (line) => (now?.lines.find((l) => l.lineId === line.lineId)?.allocated ?? 0) - line.allocated,
    );
    must(
      delta.some((d) => d < 0) || delta.every((d) => d <= 0),
      () => `${order.orderId} waits for manual review but gained stock`,
    );
  }
};

/**
 * Rule 2: stock a decision frees goes to the orders waiting for it. Once it is done, no order that
 * holds partial stock and is served automatically waits for a SKU that has free units, unless an
 * order waiting for a person has the units set aside, or the order gave the stock up itself.
 */
const checkNoIdleStock = ({ decision, post, config, subjects, kits }: StepFacts) => {
  if (layersFlip(config)) return;
  for (const { before, after } of decision.stock) {
    const free = after.onHand - after.allocated;
    if (free <= 0 || free <= before.onHand - before.allocated) continue;
    const waiting = [...post.orders.values()].filter(
      (order) =>
        order.status === 'AwaitingStock' &&
        order.warehouseId === after.warehouseId &&
        (kits ? couldTakeMore(post, order, after.sku) : shortOf(order, after.sku) > 0),
    );
    if (waiting.some((order) => !policyOf(config, order).autoAllocate)) continue;
    const idle = waiting
      .filter((order) => !subjects.has(order.orderId) && holdsPartial(policyOf(config, order)))
      .map((order) => order.orderId);
    must(idle.length === 0, () => `${free} × ${after.sku} left free while ${idle} wait for it`);
  }
};

/** A split delay that runs out splits the order only if its policy still splits. */
const checkSplitsByPolicy = ({ trigger, pre, post, config }: StepFacts) => {
  if (trigger.kind !== 'expiry') return;
  const before = pre.orders.get(trigger.input.orderId);
  const after = post.orders.get(trigger.input.orderId);
  if (!before || !after || after.backorderIds.length === before.backorderIds.length) return;
  const { onShortage } = policyOf(config, before);
  must(onShortage === 'split', () => `${before.orderId} was split by its split delay under ${onShortage}`);
};

/** DESIGN §4 rules 2 and 3 for whatever stock a decision freed, added or split. */
export const checkServed = (facts: StepFacts): void => {
  checkManualReview(facts);
  checkNoIdleStock(facts);
  checkSplitsByPolicy(facts);
};

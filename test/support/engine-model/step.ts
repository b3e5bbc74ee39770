import type fc from 'fast-check';
import {
  type Decision,
  type DecisionContext,
  decideAdjustment,
  decideChannelCancellation,
  decideChannelChange,
  decideDispatch,
  decideFulfilmentStarted,
  decideHold,
  decideIntake,
  decideManualAllocation,
  decideManualCancel,
  decideManualSplit,
  decideOrderUpdate,
  decideReceipt,
  decideRelease,
  decideServeWaiting,
  decideSplitDelayExpiry,
  decideUnhold,
  isEmptyDecision,
  type StateSnapshot,
} from '../../../shared/allocation/index.js';
import { expandKitLines } from '../../../shared/allocation/kit-lines.js';
import type { Actor } from '../../../shared/domain/actor.js';
import { isOlderVersion, isRepeatOf, latestChange } from '../../../shared/domain/channel-change.js';
import { DomainError } from '../../../shared/domain/errors.js';
import type { HistoryEntry } from '../../../shared/domain/history.js';
import type { KitBook } from '../../../shared/domain/kit.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import {
  checkDecisionShape,
  checkLockedOrders,
  checkState,
  must,
  originalQuantities,
  show,
} from './checks.js';
import { tally } from './coverage.js';
import { checkKitLines } from './kit-checks.js';
import { checkOutcome } from './outcomes.js';
import { channelFamilyOf, type Expectation, expectationFor, familyOf } from './refusals.js';
import { resolveTrigger } from './resolve.js';
import { type DecisionTrigger, orderIdOf, type Trigger } from './trigger-types.js';
import {
  applyDecision,
  deepFreeze,
  formatTime,
  HOUR,
  type Model,
  type Real,
  snapshotOf,
  type TenantState,
} from './world.js';

type Decide = (context: DecisionContext, snapshot: StateSnapshot, input: never) => Decision;

const DECIDE: Record<DecisionTrigger['kind'], Decide> = {
  intake: decideIntake,
  receipt: decideReceipt,
  serve: decideServeWaiting,
  adjustment: decideAdjustment,
  allocate: decideManualAllocation,
  release: decideRelease,
  hold: decideHold,
  unhold: decideUnhold,
  split: decideManualSplit,
  cancel: decideManualCancel,
  channelCancel: decideChannelCancellation,
  fulfilment: decideFulfilmentStarted,
  dispatch: decideDispatch,
  update: decideOrderUpdate,
  channelChange: decideChannelChange,
  expiry: decideSplitDelayExpiry,
};

/** Triggers whose repeat, against the state they produced, must change nothing (DESIGN §4 rule 7). */
const IDEMPOTENT = new Set<DecisionTrigger['kind']>([
  'fulfilment',
  'dispatch',
  'cancel',
  'channelCancel',
  'expiry',
  'update',
  'channelChange',
]);

const actorFor = (kind: DecisionTrigger['kind']): Actor => {
  if (kind === 'intake' || kind === 'update' || kind === 'channelCancel' || kind === 'channelChange')
    return { kind: 'channel', id: 'shop' };
  if (['receipt', 'adjustment', 'fulfilment', 'dispatch'].includes(kind))
    return { kind: 'warehouse', id: 'wms' };
  return kind === 'expiry' || kind === 'serve'
    ? { kind: 'system', id: 'sweep' }
    : { kind: 'person', id: 'ops-1' };
};

/** The orders a decision is about: rule 3 lets only these change while locked. */
const subjectsOf = (trigger: DecisionTrigger, pre: TenantState): Set<string> => {
  const orderId = orderIdOf(trigger);
  if (!orderId) return new Set();
  if (trigger.kind === 'channelCancel') return new Set(familyOf(pre, orderId).map((order) => order.orderId));
  // A change carries the channel's whole order: it applies from the family's root.
  if (['update', 'channelChange'].includes(trigger.kind))
    return new Set(channelFamilyOf(pre, orderId).map((order) => order.orderId));
  return new Set([orderId]);
};

const contextFor = (model: Model, trigger: DecisionTrigger): DecisionContext =>
  deepFreeze({
    tenantId: trigger.tenantId,
    now: new Date(model.now).toISOString(),
    eventId: `evt-${model.nextEvent++}`,
    actor: actorFor(trigger.kind),
    policies: model.policies.get(trigger.tenantId) ?? {},
    ...(kitBookOf(model, trigger.tenantId) ? { kits: kitBookOf(model, trigger.tenantId) } : {}),
  });

const kitBookOf = (model: Model, tenantId: string): KitBook | undefined => {
  const book = model.kits.get(tenantId);
  return book && Object.keys(book).length > 0 ? book : undefined;
};

/**
 * Runs the trigger; a refusal must be one the model expects. Inputs and committed state are frozen,
 * so a decision that wrote to them would throw a TypeError here rather than change anything.
 */
const attempt = (run: () => Decision, kind: string, expected: Expectation): Decision | null => {
  try {
    const decision = run();
    tally(expected.noop ? `${kind}: repeat` : `${kind}: accepted`);
    for (const change of decision.orders)
      if (!change.before && change.after.parentId) tally(`${kind}: split`);
    return decision;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    must(
      expected.refusals.includes(error.code),
      () => `${kind} refused with ${error.code}: ${error.message}; expected ${expected.refusals}`,
    );
    return null;
  }
};

/** What each family root originally ordered: set at intake, and restated by the channel's updates. */
const rememberOriginals = (model: Model, trigger: DecisionTrigger, post: TenantState) => {
  const originals = model.originals.get(trigger.tenantId) as Map<string, Map<string, number>>;
  if (trigger.kind === 'intake' && post.orders.has(trigger.order.orderId)) {
    const early = earlyLines(post, trigger.order.orderId, trigger.order.channelVersion);
    // A kit line is kept as its components (DESIGN §14): those are the lines the family counts.
    const lines = expandKitLines(kitBookOf(model, trigger.tenantId), early ?? trigger.order.lines);
    originals.set(trigger.order.orderId, new Map(lines.map((line) => [line.lineId, line.quantity])));
  }
  // A channel change restates what the whole family stands for.
  const changed = ['update', 'channelChange'].includes(trigger.kind)
    ? post.orders.get(orderIdOf(trigger))
    : undefined;
  if (changed) {
    const root = rootOf(post, changed);
    const totals = new Map<string, number>();
    for (const member of familyOf(post, root.orderId))
      for (const [lineId, units] of originalQuantities(member))
        totals.set(lineId, (totals.get(lineId) ?? 0) + units);
    originals.set(root.orderId, totals);
  }
  return originals;
};

const rootOf = (state: TenantState, order: SaleOrder): SaleOrder => {
  const parent = order.parentId ? state.orders.get(order.parentId) : undefined;
  return parent ? rootOf(state, parent) : order;
};

/** The lines a change kept before the order arrived gives it at intake (see `decideIntake`). */
const earlyLines = (state: TenantState, orderId: string, version: string | undefined) => {
  const early = state.channelChanges.get(orderId);
  return early && !early.cancelled && !isOlderVersion(early.version, version) ? early.lines : undefined;
};

/**
 * The webhook's part of a channel change: an older change than the one kept is stale, an equal one
 * a repeat, and neither reaches the engine; otherwise the newest is kept. Returns the state the
 * engine then sees, or nothing when the change stops here (stale, repeat, or its order not yet there).
 */
const keepChange = (model: Model, real: Real, trigger: DecisionTrigger, pre: TenantState) => {
  if (trigger.kind !== 'channelChange') return pre;
  const change = trigger.input;
  const kept = pre.channelChanges.get(change.orderId);
  if (kept && (isOlderVersion(change.version, kept.version) || isRepeatOf(change, kept))) {
    tally('channelChange: stale or repeat');
    return undefined;
  }
  const channelChanges = new Map(pre.channelChanges);
  channelChanges.set(change.orderId, deepFreeze(structuredClone(latestChange(kept, change))));
  const state = { ...pre, channelChanges };
  real.tenants.set(trigger.tenantId, state);
  if (pre.orders.has(change.orderId)) return state;
  model.trail.push(`  (kept until ${change.orderId} arrives)`);
  tally('channelChange: kept before its order');
  return undefined;
};

/** Runs one engine trigger against the tenant's store and checks everything the model knows. */
const decide = (model: Model, real: Real, generated: DecisionTrigger): void => {
  const { tenantId } = generated;
  const stored = real.tenants.get(tenantId) as TenantState;
  const others = [...real.tenants].filter(([id]) => id !== tenantId);
  const { trigger, input: raw } = resolveTrigger(generated, stored, model.now);
  const pre = keepChange(model, real, trigger, stored);
  if (!pre) {
    model.trail.push(JSON.stringify(trigger));
    return;
  }
  const due = Date.parse(pre.orders.get(orderIdOf(trigger))?.splitDueAt ?? '');
  if (trigger.kind === 'expiry' && trigger.sweep && due > model.now) model.now = due;
  model.trail.push(JSON.stringify(trigger.kind === 'intake' ? { ...trigger, input: raw } : trigger));

  const context = contextFor(model, trigger);
  const config = context.policies;
  const input = deepFreeze(raw);
  const expected = expectationFor(trigger, pre, config, model.now);
  const run = (state: TenantState) => DECIDE[trigger.kind](context, snapshotOf(state), input as never);
  const decision = attempt(() => run(pre), trigger.kind, expected);
  if (!decision) return;
  must(expected.refusals.length === 0, () => `${trigger.kind} accepted; expected ${expected.refusals}`);
  must(
    !expected.noop || isEmptyDecision(decision),
    () => `${trigger.kind} should change nothing: ${show(decision.orders)}`,
  );

  if (['update', 'channelChange'].includes(trigger.kind) && familyOf(pre, orderIdOf(trigger)).length > 1)
    tally(`${trigger.kind}: on a split family`);
  if (trigger.kind === 'intake' && pre.channelChanges.has(trigger.order.orderId))
    tally('intake: after a change kept before it');
  const log = model.history.get(tenantId) as Map<string, HistoryEntry>;
  checkDecisionShape(pre, decision, context, log);
  const subjects = subjectsOf(trigger, pre);
  checkLockedOrders(decision, subjects);

  const post = applyDecision(pre, decision);
  real.tenants.set(tenantId, post);
  for (const entry of decision.history) log.set(`${entry.orderId}#${entry.version}`, deepFreeze(entry));
  checkState(post, rememberOriginals(model, trigger, post));
  const kits = kitBookOf(model, tenantId);
  if (kits) checkKitLines(post);
  for (const [id, state] of others) must(real.tenants.get(id) === state, () => `tenant ${id} changed`);
  checkOutcome({
    trigger,
    input,
    pre,
    post,
    decision,
    config,
    ...(kits ? { kits } : {}),
    now: model.now,
    subjects,
  });
  if (IDEMPOTENT.has(trigger.kind)) {
    const repeat = run(post);
    must(isEmptyDecision(repeat), () => `repeating ${trigger.kind} changed ${show(repeat.orders)}`);
  }
};

/** One step of a run: an engine trigger, or a change to the world around it. */
export class Step implements fc.Command<Model, Real> {
  constructor(readonly trigger: Trigger) {}

  check(): boolean {
    return true;
  }

  run(model: Model, real: Real): void {
    try {
      this.apply(model, real);
    } catch (error) {
      const steps = model.trail.map((step, index) => `  ${index}. ${step}`).join('\n');
      throw new Error(`${(error as Error).message}\nSteps as they ran:\n${steps}`);
    }
  }

  private apply(model: Model, real: Real): void {
    const { trigger } = this;
    if (trigger.kind !== 'intake' && !('input' in trigger)) model.trail.push(JSON.stringify(trigger));
    if (trigger.kind === 'tick') {
      model.now += trigger.hours * HOUR;
    } else if (trigger.kind === 'policies') {
      model.policies.set(trigger.tenantId, deepFreeze(trigger.config));
    } else if (trigger.kind === 'inbound') {
      const { tenantId, warehouseId, sku, quantity, eta } = trigger;
      const state = real.tenants.get(tenantId) as TenantState;
      const supply = {
        tenantId,
        inboundId: `in-${model.nextEvent++}`,
        warehouseId,
        sku,
        quantity,
        eta: formatTime(model.now + eta.offsetMs, eta.format),
      };
      real.tenants.set(tenantId, { ...state, inbound: deepFreeze([...state.inbound, supply]) });
    } else {
      decide(model, real, trigger);
    }
  }

  toString(): string {
    return JSON.stringify(this.trigger);
  }
}

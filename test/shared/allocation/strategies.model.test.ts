import fc from 'fast-check';
import type { Decision, StateSnapshot } from '../../../shared/allocation/decision.js';
import { fairShares } from '../../../shared/allocation/fair-share.js';
import { decideFulfilmentStarted } from '../../../shared/allocation/fulfilment.js';
import { decideIntake } from '../../../shared/allocation/intake.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import { decideHold } from '../../../shared/allocation/manual-acts.js';
import { resolveOrderPolicy } from '../../../shared/allocation/order-policy.js';
import { decideReceipt } from '../../../shared/allocation/stock-movements.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import {
  ALLOCATION_MODES,
  type PolicyConfig,
  type PolicyLayer,
  STRATEGIES,
} from '../../../shared/policy/policy.js';
import { applyDecision, expectWellFormed } from '../../support/engine-checks.js';
import { context, incoming } from '../../support/engine-fixtures.js';

/**
 * Model-based test of confirmation strategies and fair share (DESIGN §14): random policies (a
 * strategy and allocation mode at the tenant and SKU layers, a strategy per order) and random
 * sequences of intake, receipts, fulfilment starts and holds. After every step the §4 invariants
 * hold, and:
 * - a `gain` or `fill` order never loses stock to another order;
 * - nothing is taken from an order in fulfilment or on hold;
 * - only `lose` and `redistribute` orders lose stock, and only to a `win` order completed by it;
 * - a `fill` order gains nothing from a receipt;
 * - under fair share, a receipt too small for its SKU's waiting orders gives each its largest-remainder share.
 */
const SKUS = ['A', 'B'] as const;

type Command =
  | { kind: 'intake'; lines: Array<[string, number]>; override: PolicyLayer; minute: number }
  | { kind: 'receipt'; sku: string; quantity: number }
  | { kind: 'fulfilment'; pick: number }
  | { kind: 'hold'; pick: number };

const layerArb: fc.Arbitrary<PolicyLayer> = fc.record(
  {
    strategy: fc.constantFrom(...STRATEGIES),
    allocationMode: fc.constantFrom(...ALLOCATION_MODES),
    onShortage: fc.constantFrom('holdPartial', 'holdPartial', 'holdAll', 'split'),
  },
  { requiredKeys: [] },
);
const configArb: fc.Arbitrary<PolicyConfig> = fc.record(
  { tenant: layerArb, skus: fc.record({ A: layerArb, B: layerArb }, { requiredKeys: [] }) },
  { requiredKeys: [] },
);
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('intake' as const),
      lines: fc.uniqueArray(fc.tuple(fc.constantFrom(...SKUS), fc.integer({ min: 1, max: 5 })), {
        minLength: 1,
        maxLength: 2,
        selector: ([sku]) => sku,
      }),
      override: fc.record({ strategy: fc.constantFrom(...STRATEGIES) }, { requiredKeys: [] }),
      minute: fc.integer({ min: 0, max: 59 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receipt' as const),
      sku: fc.constantFrom(...SKUS),
      quantity: fc.integer({ min: 1, max: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fulfilment' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hold' as const), pick: fc.nat() }) },
);

/** How often the rarer rules were actually checked, so that a run that never reaches them fails. */
const covered = { taken: 0, fairShare: 0 };

const held = (order: SaleOrder | undefined, sku: string) =>
  (order?.lines ?? []).filter((line) => line.sku === sku).reduce((sum, line) => sum + line.allocated, 0);
const shortOf = (order: SaleOrder, sku: string) =>
  order.lines
    .filter((line) => line.sku === sku)
    .reduce((sum, line) => sum + line.quantity - line.allocated, 0);

const checkStep = (config: PolicyConfig, pre: StateSnapshot, decision: Decision, command: Command) => {
  const strategyOf = (order: SaleOrder) => resolveOrderPolicy(config, order).values.strategy;
  // An order's policy is resolved over the SKUs it is short of: a winner is judged by those it
  // lacked before the decision (at intake, those free stock could not cover).
  const freeBefore = (sku: string) => {
    const level = pre.stock.find((candidate) => candidate.sku === sku);
    return level ? level.onHand - level.allocated : 0;
  };
  const lackedBefore = (before: SaleOrder | null | undefined, after: SaleOrder) =>
    (before ? before.lines.filter((line) => line.quantity > line.allocated) : after.lines).flatMap((line) =>
      line.sku && (before || line.quantity > freeBefore(line.sku)) ? [line.sku] : [],
    );
  const winners = decision.orders
    // A backorder completed by winning merges into its ready parent (mergeSiblings) at once.
    .filter(
      ({ before, after }) =>
        (after.status === 'ReadyToPick' || (after.status === 'Merged' && before?.status !== 'Merged')) &&
        resolveOrderPolicy(config, after, lackedBefore(before, after)).values.strategy === 'win',
    )
    .map(({ after }) => after.orderId);
  for (const { before, after } of decision.orders) {
    // A backorder merging into its parent (mergeSiblings) moves what it holds there: no loss.
    if (!before || (after.status === 'Merged' && before.status !== 'Merged')) continue;
    for (const sku of SKUS) {
      if (held(after, sku) >= held(before, sku)) continue;
      const strategy = strategyOf(before);
      expect([before.orderId, strategy]).not.toEqual([
        before.orderId,
        expect.stringMatching(/^(gain|fill|win)$/),
      ]);
      expect([before.orderId, before.status]).toEqual([
        before.orderId,
        expect.stringMatching(/^(ReadyToPick|AwaitingStock)$/),
      ]);
      expect(winners.length).toBeGreaterThan(0);
      covered.taken += 1;
    }
  }
  if (command.kind !== 'receipt') return;
  const sku = command.sku;
  // What a parent receives from its backorder merging into it (mergeSiblings) is not a gain.
  // A backorder of a merged backorder merges into the first ancestor not merged itself.
  const current = (orderId: string) =>
    decision.orders.find(({ after }) => after.orderId === orderId)?.after ??
    pre.orders.find((order) => order.orderId === orderId);
  const mergedInto = new Set<string>();
  for (const { before, after } of decision.orders) {
    if (after.status !== 'Merged' || before?.status === 'Merged') continue;
    let parent = after.parentId ? current(after.parentId) : undefined;
    while (parent?.status === 'Merged') parent = parent.parentId ? current(parent.parentId) : undefined;
    if (parent) mergedInto.add(parent.orderId);
  }
  for (const { before, after } of decision.orders) {
    if (!before || strategyOf(before) !== 'fill' || after.status === 'Merged') continue;
    if (!mergedInto.has(after.orderId)) expect(held(after, sku)).toBe(held(before, sku));
    else expect(held(after, sku)).toBeGreaterThanOrEqual(held(before, sku));
  }
  // Fair share, where every order waiting for the SKU holds part of what it needs and none wins.
  const waiting = pre.orders
    .filter((order) => order.status === 'AwaitingStock' && shortOf(order, sku) > 0)
    .filter((order) => strategyOf(order) !== 'fill');
  const mode = config.skus?.[sku as 'A']?.allocationMode ?? config.tenant?.allocationMode ?? 'queue';
  const eager = waiting.every((order) => {
    const policy = resolveOrderPolicy(config, order).values;
    return policy.onShortage !== 'holdAll' && policy.strategy !== 'win';
  });
  const level = pre.stock.find((candidate) => candidate.sku === sku);
  const free = (level ? level.onHand - level.allocated : 0) + command.quantity;
  const demand = waiting.reduce((sum, order) => sum + shortOf(order, sku), 0);
  if (mode !== 'fairShare' || !eager || free >= demand || waiting.length < 2) return;
  const queue = [...waiting].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.orderId < b.orderId ? -1 : 1,
  );
  const shares = fairShares(
    free,
    queue.map((order) => ({ id: order.orderId, shortfall: shortOf(order, sku) })),
  );
  covered.fairShare += 1;
  const afterOf = (orderId: string) => decision.orders.find(({ after }) => after.orderId === orderId)?.after;
  const beforeOf = (orderId: string) => pre.orders.find((candidate) => candidate.orderId === orderId);
  // The order a merged backorder's units went to: its first ancestor not merged itself.
  const shipmentOf = (merged: SaleOrder): string | undefined => {
    let parentId = merged.parentId;
    let ancestor = parentId ? (afterOf(parentId) ?? beforeOf(parentId)) : undefined;
    while (ancestor?.status === 'Merged') {
      parentId = ancestor.parentId;
      ancestor = parentId ? (afterOf(parentId) ?? beforeOf(parentId)) : undefined;
    }
    return parentId;
  };
  // A split moves the rest to a backorder: what an order holds is what it gained. A backorder made
  // ready merges into its ready parent (mergeSiblings), which then holds what the backorder held and
  // gained beside its own share (the parent may have been waiting too, having lost its stock to a
  // `win` order): so shares are checked per shipment, the parent with what merged into it.
  const shipmentKey = (orderId: string) => {
    const now = afterOf(orderId);
    return now?.status === 'Merged' && beforeOf(orderId)?.status !== 'Merged' ? shipmentOf(now) : orderId;
  };
  const expected = new Map<string | undefined, number>();
  for (const order of queue) {
    const key = shipmentKey(order.orderId);
    expected.set(key, (expected.get(key) ?? 0) + (shares.get(order.orderId) ?? 0));
  }
  for (const key of expected.keys()) {
    const before = key ? beforeOf(key) : undefined;
    const mergedIn = decision.orders
      .filter(({ before: was, after }) => was && after.orderId !== key && shipmentKey(after.orderId) === key)
      .reduce((sum, { before: was }) => sum + held(was ?? undefined, sku), 0);
    const gained = held(key ? (afterOf(key) ?? before) : undefined, sku) - held(before, sku) - mergedIn;
    expect([key, gained]).toEqual([key, expected.get(key)]);
  }
};

const run = (config: PolicyConfig, commands: Command[]) => {
  let state: StateSnapshot = { stock: [], orders: [] };
  commands.forEach((command, index) => {
    const ctx = context({ eventId: `evt-${index}`, now: '2026-11-28T10:00:00.000Z' }, config);
    const open = (status: SaleOrder['status']) => state.orders.filter((order) => order.status === status);
    let decision: Decision;
    if (command.kind === 'intake') {
      const input = incoming(`O${index}`, command.lines, {
        createdAt: `2026-11-28T09:${String(command.minute).padStart(2, '0')}:00.000Z`,
        policyOverride: command.override,
      });
      decision = decideIntake(ctx, state, input);
    } else if (command.kind === 'receipt') {
      decision = decideReceipt(ctx, state, {
        receiptId: `R${index}`,
        warehouseId: 'main',
        lines: [{ sku: command.sku, quantity: command.quantity }],
      });
    } else {
      const candidates = command.kind === 'fulfilment' ? open('ReadyToPick') : open('AwaitingStock');
      const target = candidates[command.pick % Math.max(1, candidates.length)];
      if (!target) return;
      decision =
        command.kind === 'fulfilment'
          ? decideFulfilmentStarted(ctx, state, { orderId: target.orderId })
          : decideHold(ctx, state, { orderId: target.orderId, reason: 'model' });
    }
    expectWellFormed(decision, ctx);
    checkStep(config, state, decision, command);
    state = applyDecision(state, decision);
    expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  });
};

describe('confirmation strategies and fair share, model-based', () => {
  it('still passes the run that found: a win order short of one SKU was judged by its other SKU', () => {
    run({ tenant: { strategy: 'win' }, skus: { A: { strategy: 'redistribute' }, B: {} } }, [
      { kind: 'intake', lines: [['B', 1]], override: { strategy: 'redistribute' }, minute: 0 },
      { kind: 'receipt', sku: 'A', quantity: 1 },
      { kind: 'receipt', sku: 'B', quantity: 2 },
      {
        kind: 'intake',
        lines: [
          ['A', 1],
          ['B', 2],
        ],
        override: {},
        minute: 0,
      },
    ]);
  });

  it('still passes the run that found: a backorder that won its stock merged and was not taken for the winner', () => {
    run({ skus: { A: { strategy: 'win', onShortage: 'split' }, B: { strategy: 'fill' } } }, [
      { kind: 'receipt', sku: 'A', quantity: 1 },
      { kind: 'intake', lines: [['A', 1]], override: { strategy: 'redistribute' }, minute: 0 },
      { kind: 'receipt', sku: 'B', quantity: 3 },
      {
        kind: 'intake',
        lines: [
          ['A', 1],
          ['B', 4],
        ],
        override: {},
        minute: 0,
      },
      { kind: 'receipt', sku: 'B', quantity: 1 },
    ]);
  });

  it('still passes the run that found: a parent that lost its stock to a win order had its own fair share when its backorder merged into it', () => {
    run({ tenant: { onShortage: 'split' }, skus: { A: { allocationMode: 'fairShare' } } }, [
      { kind: 'intake', lines: [['A', 3]], override: {}, minute: 0 },
      { kind: 'receipt', sku: 'A', quantity: 2 },
      { kind: 'intake', lines: [['A', 2]], override: { strategy: 'win' }, minute: 0 },
      { kind: 'receipt', sku: 'A', quantity: 2 },
    ]);
  });

  it('still passes the run that found: a fill parent received a backorder of its merged backorder', () => {
    run({ tenant: { onShortage: 'split' }, skus: { A: { strategy: 'fill' } } }, [
      { kind: 'receipt', sku: 'A', quantity: 1 },
      {
        kind: 'intake',
        lines: [
          ['B', 2],
          ['A', 1],
        ],
        override: {},
        minute: 0,
      },
      { kind: 'receipt', sku: 'B', quantity: 1 },
      { kind: 'receipt', sku: 'B', quantity: 1 },
    ]);
  });

  it('keeps the invariants and the strategy rules over random policies and sequences', () => {
    fc.assert(fc.property(configArb, fc.array(commandArb, { maxLength: 30 }), run), { numRuns: 400 });
    expect(covered.taken).toBeGreaterThan(0);
    expect(covered.fairShare).toBeGreaterThan(0);
  });
});

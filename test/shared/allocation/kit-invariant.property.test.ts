import fc from 'fast-check';
import { decideOrderUpdate } from '../../../shared/allocation/channel-orders.js';
import type { Decision, DecisionContext, StateSnapshot } from '../../../shared/allocation/decision.js';
import { decideIntake } from '../../../shared/allocation/intake.js';
import {
  decideManualAllocation,
  decideManualCancel,
  decideRelease,
} from '../../../shared/allocation/manual-acts.js';
import { decideAdjustment, decideReceipt } from '../../../shared/allocation/stock-movements.js';
import { DomainError } from '../../../shared/domain/errors.js';
import type { KitBook } from '../../../shared/domain/kit.js';
import { ALLOCATION_MODES, ON_SHORTAGE, STRATEGIES } from '../../../shared/policy/policy.js';
import { decide } from '../../support/engine-checks.js';
import { context, incoming, snapshot } from '../../support/engine-fixtures.js';

/**
 * Whatever happens to kit orders and their components (intake under every shortage policy,
 * strategy and allocation mode, channel updates, receipts, adjustments both ways, a person's
 * partial allocation, release, cancellation), every decision leaves every kit line in whole kits,
 * beside all the other invariants (`decide` checks them after each step; DESIGN §14).
 */
const KITS: KitBook = {
  K: [
    { sku: 'A', quantity: 2 },
    { sku: 'B', quantity: 1 },
  ],
  NEST: [
    { sku: 'K', quantity: 1 },
    { sku: 'C', quantity: 3 },
  ],
};
const SKUS = ['K', 'NEST', 'A', 'B', 'C'] as const;
const COMPONENTS = ['A', 'B', 'C'] as const;

const orderIdArb = fc.nat(5).map((n) => `O${n}`);
const triggerArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('intake' as const),
      orderId: orderIdArb,
      lines: fc.array(fc.tuple(fc.constantFrom(...SKUS), fc.integer({ min: 1, max: 3 })), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      orderId: orderIdArb,
      lines: fc.array(fc.tuple(fc.constantFrom(...SKUS), fc.integer({ min: 1, max: 3 })), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receipt' as const),
      sku: fc.constantFrom(...COMPONENTS),
      quantity: fc.integer({ min: 1, max: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      sku: fc.constantFrom(...COMPONENTS),
      delta: fc.integer({ min: -4, max: 4 }).filter((delta) => delta !== 0),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('cancel' as const, 'release' as const, 'allocate' as const),
      orderId: orderIdArb,
      line: fc.nat(4),
      quantity: fc.integer({ min: 1, max: 3 }),
    }),
  },
);
type Trigger = typeof triggerArb extends fc.Arbitrary<infer T> ? T : never;

const step = (ctx: DecisionContext, state: StateSnapshot, trigger: Trigger, n: number): Decision => {
  const id = `x${n}`;
  switch (trigger.kind) {
    case 'intake':
      return decide(
        decideIntake,
        ctx,
        state,
        incoming(
          trigger.orderId,
          trigger.lines.map(([sku, quantity]) => [sku, quantity]),
        ),
      ).decision;
    case 'update':
      return decide(decideOrderUpdate, ctx, state, {
        orderId: trigger.orderId,
        lines: trigger.lines.map(([sku, quantity], index) => ({ lineId: String(index + 1), sku, quantity })),
      }).decision;
    case 'receipt':
      return decide(decideReceipt, ctx, state, {
        receiptId: id,
        warehouseId: 'main',
        lines: [{ sku: trigger.sku, quantity: trigger.quantity }],
      }).decision;
    case 'adjust':
      return decide(decideAdjustment, ctx, state, {
        adjustmentId: id,
        warehouseId: 'main',
        lines: [{ sku: trigger.sku, delta: trigger.delta }],
      }).decision;
    case 'cancel':
      return decide(decideManualCancel, ctx, state, { orderId: trigger.orderId, reason: 'ops' }).decision;
    case 'release':
      return decide(decideRelease, ctx, state, { orderId: trigger.orderId, reason: 'ops' }).decision;
    case 'allocate': {
      const lineId =
        state.orders.find((order) => order.orderId === trigger.orderId)?.lines[trigger.line]?.lineId ?? '1';
      return decide(decideManualAllocation, ctx, state, {
        orderId: trigger.orderId,
        reason: 'ops',
        lines: [{ lineId, quantity: trigger.quantity }],
      }).decision;
    }
  }
};

it('every decision keeps kit lines in whole kits, and every other invariant', () => {
  fc.assert(
    fc.property(
      fc.record({
        onShortage: fc.constantFrom(...ON_SHORTAGE),
        strategy: fc.constantFrom(...STRATEGIES),
        allocationMode: fc.constantFrom(...ALLOCATION_MODES),
      }),
      fc.array(triggerArb, { minLength: 1, maxLength: 25 }),
      (tenant, triggers) => {
        const ctx = { ...context({ eventId: 'evt-prop' }, { tenant }), kits: KITS };
        let state: StateSnapshot = snapshot([]);
        triggers.forEach((trigger, n) => {
          try {
            const decision = step({ ...ctx, eventId: `evt-${n}` }, state, trigger, n);
            state = applyTo(state, decision);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        });
      },
    ),
    { numRuns: 150 },
  );
});

const applyTo = (state: StateSnapshot, decision: Decision): StateSnapshot => {
  const orders = new Map(state.orders.map((order) => [order.orderId, order]));
  for (const { after } of decision.orders) orders.set(after.orderId, after);
  const stock = new Map(state.stock.map((level) => [level.sku, level]));
  for (const { after } of decision.stock) stock.set(after.sku, after);
  return { ...state, stock: [...stock.values()], orders: [...orders.values()] };
};

import { decideOrderUpdate } from '../../../shared/allocation/channel-orders.js';
import type { StateSnapshot } from '../../../shared/allocation/decision.js';
import { dryRun } from '../../../shared/allocation/explain.js';
import { decideIntake } from '../../../shared/allocation/intake.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import { decideReceipt } from '../../../shared/allocation/stock-movements.js';
import type { KitBook } from '../../../shared/domain/kit.js';
import type { OnShortage } from '../../../shared/policy/policy.js';
import { decide, levels, orderAfter } from '../../support/engine-checks.js';
import { context, incoming, order, snapshot, stock } from '../../support/engine-fixtures.js';

/** K = 2 × A + 1 × B (DESIGN §14). */
const KITS: KitBook = {
  K: [
    { sku: 'A', quantity: 2 },
    { sku: 'B', quantity: 1 },
  ],
};
const ctx = (onShortage: OnShortage = 'holdPartial') => ({
  ...context({ eventId: 'evt-kit' }, { tenant: { onShortage } }),
  kits: KITS,
});
const receipt = (lines: Array<[string, number]>) => ({
  receiptId: 'R-1',
  warehouseId: 'main',
  lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
});
/** `lineId sku quantity/allocated` per line, kit fields included, for compact assertions. */
const kitLines = (state: StateSnapshot, orderId: string) =>
  state.orders
    .find((candidate) => candidate.orderId === orderId)
    ?.lines.map((line) => [line.lineId, line.sku, line.quantity, line.allocated, line.kitSku, line.perKit]);

describe('kits: a kit line is allocated as its components, in whole kits only (DESIGN §14)', () => {
  it('an order for 2 kits with A = 4, B = 1 takes one kit and waits for the rest', () => {
    const { decision, next } = decide(
      decideIntake,
      ctx(),
      snapshot([stock('A', 4), stock('B', 1)]),
      incoming('O', [['K', 2]]),
    );
    expect(kitLines(next, 'O')).toEqual([
      ['1/A', 'A', 4, 2, 'K', 2],
      ['1/B', 'B', 2, 1, 'K', 1],
    ]);
    expect(orderAfter(decision, 'O').status).toBe('AwaitingStock');
    // No stock level for the kit SKU; the component A not in a whole kit stays free.
    expect(levels(next)).toEqual({ A: [4, 2], B: [1, 1] });
  });

  it('all available: ready to pick with every component allocated', () => {
    const { next } = decide(
      decideIntake,
      ctx(),
      snapshot([stock('A', 9), stock('B', 9)]),
      incoming('O', [['K', 2]]),
    );
    expect(next.orders[0]?.status).toBe('ReadyToPick');
    expect(levels(next)).toEqual({ A: [9, 4], B: [9, 2] });
  });

  it('a kit line beside a plain line of the same component: the plain line takes what the kit cannot use', () => {
    const { next } = decide(
      decideIntake,
      ctx(),
      snapshot([stock('A', 3), stock('B', 0)]),
      incoming('O', [
        ['K', 1],
        ['A', 1],
      ]),
    );
    expect(kitLines(next, 'O')).toEqual([
      ['1/A', 'A', 2, 0, 'K', 2],
      ['1/B', 'B', 1, 0, 'K', 1],
      ['2', 'A', 1, 1, undefined, undefined],
    ]);
  });

  it('split: the parent ships whole kits and the backorder carries the rest of the kit line', () => {
    const { next } = decide(
      decideIntake,
      ctx('split'),
      snapshot([stock('A', 4), stock('B', 1)]),
      incoming('O', [['K', 2]]),
    );
    expect(kitLines(next, 'O')).toEqual([
      ['1/A', 'A', 2, 2, 'K', 2],
      ['1/B', 'B', 1, 1, 'K', 1],
    ]);
    expect(kitLines(next, 'O-BO1')).toEqual([
      ['1/A', 'A', 2, 0, 'K', 2],
      ['1/B', 'B', 1, 0, 'K', 1],
    ]);
    expect(levels(next)).toEqual({ A: [4, 2], B: [1, 1] });
  });

  it('dropShort keeps whole kits and drops the rest of every component', () => {
    const { next } = decide(
      decideIntake,
      ctx('dropShort'),
      snapshot([stock('A', 4), stock('B', 1)]),
      incoming('O', [['K', 2]]),
    );
    expect(kitLines(next, 'O')).toEqual([
      ['1/A', 'A', 2, 2, 'K', 2],
      ['1/B', 'B', 1, 1, 'K', 1],
    ]);
  });
});

/** O waits for 2 kits holding one (A 2 of 4, B 1 of 2); W waits for 2 × A after it. */
const waitingState = (freeA: number, freeB: number): StateSnapshot => {
  const kitOrder = order('O', 'AwaitingStock', [
    ['A', 4, 2],
    ['B', 2, 1],
  ]);
  kitOrder.lines = kitOrder.lines.map((line) => ({
    ...line,
    lineId: `1/${line.sku}`,
    kitLineId: '1',
    kitSku: 'K',
    perKit: line.sku === 'A' ? 2 : 1,
  }));
  const plain = order('W', 'AwaitingStock', [['A', 2, 0]], { createdAt: '2026-11-28T09:30:00.000Z' });
  return snapshot([stock('A', 2 + freeA, 2), stock('B', 1 + freeB, 1)], [kitOrder, plain]);
};

describe('kits: receipts of a component serve waiting kit lines (DESIGN §14)', () => {
  it.each([
    // received, free before [A, B], kit order's [A, B] allocated after, its status, W's A after
    ['B 1 with 2 A free: the second kit completes', [['B', 1]], [2, 0], [4, 2], 'ReadyToPick', 0],
    ['B 1 with no A free: B alone makes no kit, stays free', [['B', 1]], [0, 0], [2, 1], 'AwaitingStock', 0],
    ['A 2 with no B free: no kit, the next order takes A', [['A', 2]], [0, 0], [2, 1], 'AwaitingStock', 2],
    ['A 2 with 1 B free: the second kit completes', [['A', 2]], [0, 1], [4, 2], 'ReadyToPick', 0],
    [
      'A 4 and B 1: the kit completes, W gets the rest',
      [
        ['A', 4],
        ['B', 1],
      ],
      [0, 0],
      [4, 2],
      'ReadyToPick',
      2,
    ],
    [
      'A 1 and B 1: half a kit of A is not allocated',
      [
        ['A', 1],
        ['B', 1],
      ],
      [0, 0],
      [2, 1],
      'AwaitingStock',
      1,
    ],
  ] as Array<[string, Array<[string, number]>, [number, number], [number, number], string, number]>)(
    '%s',
    (_, received, [freeA, freeB], [allocA, allocB], status, plainA) => {
      const { next } = decide(decideReceipt, ctx(), waitingState(freeA, freeB), receipt(received));
      const kitOrder = next.orders.find((candidate) => candidate.orderId === 'O');
      expect(kitOrder?.lines.map((line) => line.allocated)).toEqual([allocA, allocB]);
      expect(kitOrder?.status).toBe(status);
      expect(next.orders.find((candidate) => candidate.orderId === 'W')?.lines[0]?.allocated).toBe(plainA);
    },
  );
});

describe('kits: fair share and split keep whole kits (DESIGN §14)', () => {
  it('a fair share of A smaller than a kit is not shipped by a split: it stays free', () => {
    const policies = { tenant: { onShortage: 'split' as const, allocationMode: 'fairShare' as const } };
    const kitCtx = { ...context({ eventId: 'evt-kit' }, policies), kits: KITS };
    const taken = decide(decideIntake, kitCtx, snapshot([]), incoming('O', [['K', 1]])).next;
    const { next } = decide(decideReceipt, kitCtx, taken, receipt([['A', 1]]));
    expect(next.orders.map((candidate) => [candidate.orderId, candidate.status])).toEqual([
      ['O', 'AwaitingStock'],
    ]);
    expect(levels(next)).toEqual({ A: [1, 0] });
  });
});

describe('kits: the invariant (DESIGN §14)', () => {
  it('a kit line allocated in part of a kit is a violation', () => {
    const state = waitingState(0, 0);
    const broken = structuredClone(state.orders[0]);
    if (!broken?.lines[0]) throw new Error('fixture');
    broken.lines[0].allocated = 3;
    expect(findInvariantViolations([stock('A', 3, 3), stock('B', 1, 1)], [broken])).toEqual([
      'O kit line 1 (K) is not allocated in whole kits',
    ]);
  });
});

describe('kits: the dry run explains them (DESIGN §14)', () => {
  it('names the whole kits a decision allocated, with their components', () => {
    const { lines } = dryRun(
      decideIntake,
      ctx(),
      snapshot([stock('A', 4), stock('B', 1)]),
      incoming('O', [['K', 2]]),
    );
    expect(lines).toContain('1 kit of K: 2 × A, 1 × B → O line 1 (1 of 2 kits allocated).');
  });

  it('names kits a receipt completed', () => {
    const { lines } = dryRun(decideReceipt, ctx(), waitingState(2, 0), receipt([['B', 1]]));
    expect(lines).toContain('1 kit of K: 2 × A, 1 × B → O line 1 (2 of 2 kits allocated).');
  });
});

describe('kits: a channel change to a kit line changes its components (DESIGN §10, §14)', () => {
  it.each([
    [
      'fewer kits: the one kit held completes it',
      1,
      [
        ['1/A', 'A', 2, 2, 'K', 2],
        ['1/B', 'B', 1, 1, 'K', 1],
      ],
      'ReadyToPick',
    ],
    [
      'more kits: the components grow, the kit held stays',
      3,
      [
        ['1/A', 'A', 6, 2, 'K', 2],
        ['1/B', 'B', 3, 1, 'K', 1],
      ],
      'AwaitingStock',
    ],
  ] as const)('%s', (_, kits, lines, status) => {
    const { next } = decide(decideOrderUpdate, ctx(), waitingState(0, 0), {
      orderId: 'O',
      lines: [{ lineId: '1', sku: 'K', quantity: kits }],
    });
    expect(kitLines(next, 'O')).toEqual(lines);
    expect(next.orders.find((candidate) => candidate.orderId === 'O')?.status).toBe(status);
  });
});

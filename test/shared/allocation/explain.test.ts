import type { Decision } from '../../../shared/allocation/decision.js';
import { dryRun, explainDecision } from '../../../shared/allocation/explain.js';
import { decideIntake } from '../../../shared/allocation/intake.js';
import { decideAdjustment, decideReceipt } from '../../../shared/allocation/stock-movements.js';
import { deepFreeze, expectWellFormed } from '../../support/engine-checks.js';
import { context, incoming, order, snapshot, stock } from '../../support/engine-fixtures.js';

const ctx = context(
  { actor: { kind: 'person', id: 'ops-1' }, eventId: 'evt-dry' },
  { tenant: { onShortage: 'split' } },
);

const waitingState = () =>
  snapshot(
    [stock('A', 0)],
    [
      order('late', 'AwaitingStock', [['A', 2, 0]], { createdAt: '2026-11-28T09:00:00.000Z' }),
      order('early', 'AwaitingStock', [['A', 2, 0]], { createdAt: '2026-11-28T08:00:00.000Z' }),
    ],
  );
const receipt = { receiptId: 'R-1', warehouseId: 'main', lines: [{ sku: 'A', quantity: 3 }] };

describe('dryRun and explainDecision', () => {
  it.each([
    [
      'a receipt shared by a queue, the second order splitting',
      () => dryRun(decideReceipt, ctx, waitingState(), receipt),
      [
        '2 × A (main) → early line 1: Allocated from receipt R-1 (place 1 in the fifo queue for A).',
        '1 × A (main) → late line 1: Allocated from receipt R-1 (place 2 in the fifo queue for A).',
        'early: AwaitingStock → ReadyToPick. Fully allocated from receipt R-1 (place 1 in the fifo queue for A).',
        'late: AwaitingStock → ReadyToPick. Partly allocated from receipt R-1 (place 2 in the fifo queue for A). Split: 1 of 2 units ship now, the rest waits on a backorder. Backorder late-BO1 takes the missing units.',
        'late-BO1: new → AwaitingStock. Created by splitting late: waits for the missing units.',
        'A (main): on hand 0 → 3, allocated 0 → 3, 0 left free.',
      ],
    ],
    [
      'a split at intake',
      () =>
        dryRun(
          decideIntake,
          ctx,
          snapshot([stock('A', 3)]),
          incoming('X', [
            ['A', 4],
            [null, 1],
          ]),
        ),
      [
        '3 × A (main) → X line 1: Available at intake: ships now.',
        'X: new → ReadyToPick. Received from shopify as X. Line 2 has no SKU: kept on the order, not stock-managed. Short of 1 × A. Split: 3 of 4 units ship now, the rest waits on a backorder. Backorder X-BO1 takes the missing units.',
        'X-BO1: new → AwaitingStock. Created by splitting X: waits for the missing units.',
        'A (main): on hand 3 → 3, allocated 0 → 3, 0 left free.',
      ],
    ],
    [
      'stock taken back',
      () =>
        dryRun(
          decideAdjustment,
          ctx,
          snapshot([stock('A', 4, 4)], [order('R', 'ReadyToPick', [['A', 4, 4]])]),
          { adjustmentId: 'ADJ-1', warehouseId: 'main', lines: [{ sku: 'A', delta: -1 }] },
        ),
      [
        '1 × A (main) ← R line 1: Taken back by adjustment ADJ-1: on hand fell below allocated.',
        'R: ReadyToPick → AwaitingStock. Stock taken back by adjustment ADJ-1; waiting again.',
        'A (main): on hand 4 → 3, allocated 4 → 3, 0 left free.',
      ],
    ],
  ])('explains %s: each unit, each order, each stock level', (_, run, lines) => {
    expect(run().lines).toEqual(lines);
  });

  it('is exactly what the real decision would do, and writes to nothing', () => {
    const state = deepFreeze(waitingState());
    const before = structuredClone(state);
    const { decision, lines } = dryRun(decideReceipt, ctx, state, deepFreeze({ ...receipt }));
    expect(decision).toEqual(decideReceipt(ctx, state, receipt));
    expectWellFormed(decision, ctx);
    expect(state).toEqual(before);
    expect(lines).toEqual(explainDecision(decision));
  });

  it('accounts for every unit: the steps of each SKU add up to the change in its allocation', () => {
    const { decision, lines } = dryRun(decideReceipt, ctx, waitingState(), receipt);
    for (const { before, after } of decision.stock) {
      const moved = decision.steps
        .filter((step) => step.sku === after.sku && step.warehouseId === after.warehouseId)
        .reduce((sum, step) => sum + step.quantity, 0);
      expect(moved).toBe(after.allocated - before.allocated);
    }
    expect(lines.filter((line) => line.includes('→ ') && line.includes(' line ')).length).toBe(
      decision.steps.length,
    );
  });

  it('a decision that changes nothing explains nothing', () => {
    const empty: Decision = { orders: [], stock: [], history: [], events: [], steps: [], movements: [] };
    expect(explainDecision(empty)).toEqual([]);
  });
});

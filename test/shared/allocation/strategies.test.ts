import { dryRun } from '../../../shared/allocation/explain.js';
import { decideIntake } from '../../../shared/allocation/intake.js';
import { decideSetStrategy } from '../../../shared/allocation/set-strategy.js';
import { decideReceipt, decideServeWaiting } from '../../../shared/allocation/stock-movements.js';
import { InvalidTransitionError } from '../../../shared/domain/errors.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { PolicyConfig, Strategy } from '../../../shared/policy/policy.js';
import { decide, eventList, expectRefusal, historyOf, levels, linesOf } from '../../support/engine-checks.js';
import { context, incoming, order, snapshot, stock } from '../../support/engine-fixtures.js';

const ctx = (policies: PolicyConfig = {}) => context({ eventId: 'evt-win' }, policies);
const winner = (quantity: number) =>
  incoming('W', [['A', quantity]], { policyOverride: { strategy: 'win' } });
const holder = (
  orderId: string,
  strategy: Strategy,
  lines: Array<[string, number, number]>,
  extra: Partial<SaleOrder> = {},
) => order(orderId, 'ReadyToPick', lines, { policyOverride: { strategy }, ...extra });
const find = (orders: readonly SaleOrder[], id: string) =>
  orders.find((candidate) => candidate.orderId === id) as SaleOrder;

describe('strategy win at intake: whom it may take from', () => {
  it.each([
    ['redistribute', 'ReadyToPick', true],
    ['lose', 'ReadyToPick', true],
    ['redistribute', 'AwaitingStock', true],
    ['gain', 'ReadyToPick', false],
    ['fill', 'ReadyToPick', false],
    ['win', 'ReadyToPick', false],
    ['redistribute', 'InFulfilment', false],
    ['redistribute', 'OnHold', false],
    ['lose', 'InFulfilment', false],
    ['lose', 'OnHold', false],
  ] as Array<[Strategy, SaleOrder['status'], boolean]>)(
    'a %s holder %s: taken from = %s',
    (strategy, status, taken) => {
      const held = holder('H', strategy, [['A', 4, 4]], { status });
      const { decision, next } = decide(decideIntake, ctx(), snapshot([stock('A', 4, 4)], [held]), winner(3));
      const w = find(next.orders, 'W');
      const h = find(next.orders, 'H');
      if (taken) {
        expect([w.status, linesOf(w)]).toEqual(['ReadyToPick', [['A', 3, 3]]]);
        expect([h.status, linesOf(h)]).toEqual(['AwaitingStock', [['A', 4, 1]]]);
        expect(historyOf(decision, 'H').actions).toEqual(['stockLost']);
        expect(historyOf(decision, 'H').reasons.join(' ')).toContain(
          `to order W (strategy win over ${strategy})`,
        );
        expect(historyOf(decision, 'W').actions).toContain('stockTaken');
      } else {
        expect([w.status, linesOf(w)]).toEqual(['AwaitingStock', [['A', 3, 0]]]);
        expect(h).toEqual(held);
      }
      expect(levels(next)).toEqual({ A: [4, 4] });
    },
  );

  it('takes only what free stock lacks', () => {
    const { next } = decide(
      decideIntake,
      ctx(),
      snapshot([stock('A', 5, 4)], [holder('H', 'redistribute', [['A', 4, 4]])]),
      winner(3),
    );
    expect(linesOf(find(next.orders, 'H'))).toEqual([['A', 4, 2]]);
    expect(linesOf(find(next.orders, 'W'))).toEqual([['A', 3, 3]]);
  });

  it('takes from the lowest priority first, lose orders before redistribute orders', () => {
    const early = { createdAt: '2026-11-28T07:00:00.000Z' };
    const late = { createdAt: '2026-11-28T08:00:00.000Z' };
    const cases: Array<[Strategy, Strategy, string]> = [
      ['redistribute', 'redistribute', 'LATE'],
      ['lose', 'redistribute', 'EARLY'],
      ['redistribute', 'lose', 'LATE'],
      ['lose', 'lose', 'LATE'],
    ];
    for (const [earlyStrategy, lateStrategy, loser] of cases) {
      const { next } = decide(
        decideIntake,
        ctx(),
        snapshot(
          [stock('A', 4, 4)],
          [
            holder('EARLY', earlyStrategy, [['A', 2, 2]], early),
            holder('LATE', lateStrategy, [['A', 2, 2]], late),
          ],
        ),
        winner(2),
      );
      expect(find(next.orders, loser).status).toBe('AwaitingStock');
      expect(find(next.orders, loser === 'LATE' ? 'EARLY' : 'LATE').status).toBe('ReadyToPick');
    }
  });

  it('must be complete: when even taking cannot complete it, it takes nothing', () => {
    const held = holder('H', 'redistribute', [['A', 2, 2]]);
    const { next } = decide(decideIntake, ctx(), snapshot([stock('A', 3, 2)], [held]), winner(4));
    expect(find(next.orders, 'H')).toEqual(held);
    // holdPartial: it keeps the free unit like any order and waits for the rest.
    expect(linesOf(find(next.orders, 'W'))).toEqual([['A', 4, 1]]);
  });

  it('a loser that holds nothing while waiting gives back its other SKUs, which serve the queue', () => {
    const held = holder('H', 'redistribute', [
      ['A', 1, 1],
      ['B', 1, 1],
    ]);
    held.policyOverride = { strategy: 'redistribute', onShortage: 'holdAll' };
    const waitingB = order('WB', 'AwaitingStock', [['B', 1, 0]]);
    const { decision, next } = decide(
      decideIntake,
      ctx(),
      snapshot([stock('A', 1, 1), stock('B', 1, 1)], [held, waitingB]),
      winner(1),
    );
    expect(linesOf(find(next.orders, 'H'))).toEqual([
      ['A', 1, 0],
      ['B', 1, 0],
    ]);
    expect(find(next.orders, 'WB').status).toBe('ReadyToPick');
    expect(eventList(decision)).toEqual(
      expect.arrayContaining(['Order Awaiting Stock H', 'Allocation Changed H', 'Order Allocated W']),
    );
  });

  it('the dry run explains what it took and why', () => {
    const { lines } = dryRun(
      decideIntake,
      ctx(),
      snapshot([stock('A', 4, 4)], [holder('H', 'redistribute', [['A', 4, 4]])]),
      winner(2),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        '2 × A (main) ← H line 1: Taken by order W: strategy win over redistribute.',
        '2 × A (main) → W line 1: Completed from intake of W; took 2 × A from order H: strategy win over redistribute.',
      ]),
    );
  });
});

describe('strategies when stock arrives', () => {
  const receipt = (quantity: number) => ({
    receiptId: 'R-1',
    warehouseId: 'main',
    lines: [{ sku: 'A', quantity }],
  });
  const waiting = (orderId: string, strategy: Strategy, quantity: number, createdAt: string) =>
    order(orderId, 'AwaitingStock', [['A', quantity, 0]], { policyOverride: { strategy }, createdAt });

  it.each([
    ['gain', 2],
    ['redistribute', 2],
    ['lose', 2],
    ['win', 2],
    ['fill', 0],
  ] as Array<[Strategy, number]>)('a waiting %s order gains %i of 2 received', (strategy, gained) => {
    const { next } = decide(
      decideReceipt,
      ctx(),
      snapshot([stock('A', 0)], [waiting('O', strategy, 2, '2026-11-28T07:00:00.000Z')]),
      receipt(2),
    );
    expect(linesOf(find(next.orders, 'O'))).toEqual([['A', 2, gained]]);
  });

  it('a fill order is passed over: the order behind it is served', () => {
    const { next } = decide(
      decideReceipt,
      ctx(),
      snapshot(
        [stock('A', 0)],
        [
          waiting('F', 'fill', 2, '2026-11-28T07:00:00.000Z'),
          waiting('G', 'gain', 2, '2026-11-28T08:00:00.000Z'),
        ],
      ),
      receipt(2),
    );
    expect(linesOf(find(next.orders, 'F'))).toEqual([['A', 2, 0]]);
    expect(linesOf(find(next.orders, 'G'))).toEqual([['A', 2, 2]]);
  });

  it('on a receipt a waiting win order takes what the receipt lacks from a Ready to Pick order', () => {
    const { decision, next } = decide(
      decideReceipt,
      ctx(),
      snapshot(
        [stock('A', 2, 2)],
        [
          waiting('W', 'win', 3, '2026-11-28T09:00:00.000Z'),
          holder('R', 'redistribute', [['A', 2, 2]], { createdAt: '2026-11-28T07:00:00.000Z' }),
        ],
      ),
      receipt(1),
    );
    expect([find(next.orders, 'W').status, linesOf(find(next.orders, 'W'))]).toEqual([
      'ReadyToPick',
      [['A', 3, 3]],
    ]);
    expect([find(next.orders, 'R').status, linesOf(find(next.orders, 'R'))]).toEqual([
      'AwaitingStock',
      [['A', 2, 0]],
    ]);
    expect(historyOf(decision, 'R').reasons.join(' ')).toContain('Lost 2 × A to order W');
  });

  it('a win order is served ahead of the queue, so no order gains what it would lose', () => {
    const { decision, next } = decide(
      decideReceipt,
      ctx(),
      snapshot(
        [stock('A', 0)],
        [
          waiting('R', 'redistribute', 2, '2026-11-28T07:00:00.000Z'),
          waiting('W', 'win', 2, '2026-11-28T09:00:00.000Z'),
        ],
      ),
      receipt(2),
    );
    expect(linesOf(find(next.orders, 'W'))).toEqual([['A', 2, 2]]);
    expect(linesOf(find(next.orders, 'R'))).toEqual([['A', 2, 0]]);
    expect(decision.steps.every((step) => step.quantity > 0)).toBe(true);
  });

  it('the sweep redistributes: a waiting win order with no free stock takes from a lose order', () => {
    const { next } = decide(
      decideServeWaiting,
      ctx(),
      snapshot(
        [stock('A', 2, 2)],
        [waiting('W', 'win', 2, '2026-11-28T09:00:00.000Z'), holder('L', 'lose', [['A', 2, 2]])],
      ),
      { targets: [{ warehouseId: 'main', sku: 'A' }], trigger: 'sweep' },
    );
    expect(find(next.orders, 'W').status).toBe('ReadyToPick');
    expect(find(next.orders, 'L').status).toBe('AwaitingStock');
  });

  it('the strategy resolves by layers: a SKU layer makes its holders gain-only', () => {
    const held = order('H', 'ReadyToPick', [['A', 2, 2]]);
    const { next } = decide(
      decideIntake,
      ctx({ skus: { A: { strategy: 'gain' } } }),
      snapshot([stock('A', 2, 2)], [held]),
      winner(2),
    );
    expect(find(next.orders, 'H')).toEqual(held);
  });
});

describe('a person sets an order strategy', () => {
  const act = (strategy: Strategy, orderId = 'O') => ({ orderId, strategy, reason: 'Key account' });
  const person = () => context({ eventId: 'evt-act', actor: { kind: 'person', id: 'ops-1' } });

  it('records the new strategy on the order, with who and why', () => {
    const { decision, next } = decide(
      decideSetStrategy,
      person(),
      snapshot([stock('A', 0)], [order('O', 'AwaitingStock', [['A', 2, 0]])]),
      act('gain'),
    );
    expect(find(next.orders, 'O').policyOverride).toEqual({ strategy: 'gain' });
    expect(historyOf(decision, 'O').reasons).toEqual([
      'Strategy set from redistribute to gain by person ops-1: Key account',
    ]);
  });

  it('a waiting order made win takes what it lacks from a redistribute order', () => {
    const { next } = decide(
      decideSetStrategy,
      person(),
      snapshot(
        [stock('A', 2, 2)],
        [order('O', 'AwaitingStock', [['A', 2, 0]]), holder('R', 'redistribute', [['A', 2, 2]])],
      ),
      act('win'),
    );
    expect(find(next.orders, 'O').status).toBe('ReadyToPick');
    expect(find(next.orders, 'R').status).toBe('AwaitingStock');
  });

  it('setting the strategy it already has changes nothing', () => {
    const { decision } = decide(
      decideSetStrategy,
      person(),
      snapshot([stock('A', 2, 2)], [holder('O', 'fill', [['A', 2, 2]])]),
      act('fill'),
    );
    expect(decision.orders).toEqual([]);
  });

  it.each(['InFulfilment', 'Dispatched', 'Cancelled'] as const)('is refused for an order %s', (status) => {
    expectRefusal(
      decideSetStrategy,
      person(),
      snapshot([stock('A', 2, 2)], [order('O', status, [['A', 2, 2]])]),
      act('win'),
      {
        type: InvalidTransitionError,
        code: 'INVALID_TRANSITION',
      },
    );
  });
});

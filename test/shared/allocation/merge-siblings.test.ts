import { explainDecision } from '../../../shared/allocation/explain.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import { decideReceipt } from '../../../shared/allocation/stock-movements.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { PolicyLayer } from '../../../shared/policy/policy.js';
import {
  decide,
  eventList,
  eventsOfType,
  historyOf,
  linesOf,
  orderAfter,
} from '../../support/engine-checks.js';
import { context, order, snapshot, stock } from '../../support/engine-fixtures.js';

const ctx = (layer: PolicyLayer = {}) =>
  context({ eventId: 'evt-r' }, { tenant: { onShortage: 'split', ...layer } });
const receipt = (quantity: number) => ({
  receiptId: 'R-1',
  warehouseId: 'main',
  lines: [{ sku: 'A', quantity }],
});
/** P ordered 5 × A: it ships 2, P-BO1 waits for 3. */
const family = (parentStatus: SaleOrder['status'] = 'ReadyToPick'): SaleOrder[] => [
  order('P', parentStatus, [['A', 2, 2]], { backorderIds: ['P-BO1'] }),
  order('P-BO1', 'AwaitingStock', [['A', 3, 0]], { parentId: 'P' }),
];
const ORIGINALS = new Map([['P', new Map([['1', 5]])]]);

describe('mergeSiblings: a ready backorder merges into its parent before picking (DESIGN §14)', () => {
  it('the rest arrives before picking: one shipment, the backorder Merged and holding nothing', () => {
    const { decision, next } = decide(
      decideReceipt,
      ctx(),
      snapshot([stock('A', 2, 2)], family()),
      receipt(3),
    );
    expect(orderAfter(decision, 'P')).toMatchObject({ status: 'ReadyToPick', backorderIds: ['P-BO1'] });
    expect(linesOf(orderAfter(decision, 'P'))).toEqual([['A', 5, 5]]);
    expect(orderAfter(decision, 'P-BO1')).toMatchObject({ status: 'Merged', parentId: 'P' });
    expect(linesOf(orderAfter(decision, 'P-BO1'))).toEqual([['A', 0, 0]]);
    expect(historyOf(decision, 'P').actions).toEqual(['merged']);
    expect(historyOf(decision, 'P-BO1')).toMatchObject({
      statusBefore: 'AwaitingStock',
      statusAfter: 'Merged',
    });
    expect(eventList(decision)).toContain('Orders Merged P');
    expect(eventsOfType(decision, 'Orders Merged')[0]).toMatchObject({ orderId: 'P', mergedId: 'P-BO1' });
    expect(explainDecision(decision).join('\n')).toMatch(
      /Merged backorder P-BO1 \(3 × A\) into this order: mergeSiblings is on/,
    );
    expect(next.stock).toEqual([expect.objectContaining({ onHand: 5, allocated: 5 })]);
    expect(findInvariantViolations(next.stock, next.orders, ORIGINALS)).toEqual([]);
  });

  it.each([
    ['mergeSiblings is off', { mergeSiblings: false }, 'ReadyToPick'],
    ['the parent is being picked', {}, 'InFulfilment'],
    ['the parent is on hold', {}, 'OnHold'],
    ['the parent was dispatched', {}, 'Dispatched'],
  ] as const)('no merge when %s: the backorder ships on its own', (_, layer, parentStatus) => {
    const parentHolds = parentStatus === 'Dispatched' ? 0 : 2;
    const start = [
      order('P', parentStatus, [['A', 2, parentHolds]], { backorderIds: ['P-BO1'] }),
      ...family().slice(1),
    ];
    const { decision, next } = decide(
      decideReceipt,
      ctx(layer),
      snapshot([stock('A', parentHolds, parentHolds)], start),
      receipt(3),
    );
    expect(orderAfter(decision, 'P-BO1').status).toBe('ReadyToPick');
    expect(decision.orders.map(({ after }) => after.orderId)).toEqual(['P-BO1']);
    expect(eventList(decision)).not.toContain('Orders Merged P');
    expect(findInvariantViolations(next.stock, next.orders, ORIGINALS)).toEqual([]);
  });

  it('a backorder partly served splits, merges what it got, and its own backorder merges later', () => {
    const first = decide(decideReceipt, ctx(), snapshot([stock('A', 2, 2)], family()), receipt(1));
    expect(linesOf(orderAfter(first.decision, 'P'))).toEqual([['A', 3, 3]]);
    expect(orderAfter(first.decision, 'P-BO1')).toMatchObject({ status: 'Merged', backorderIds: ['P-BO2'] });
    expect(orderAfter(first.decision, 'P-BO2')).toMatchObject({ status: 'AwaitingStock', parentId: 'P-BO1' });
    expect(findInvariantViolations(first.next.stock, first.next.orders, ORIGINALS)).toEqual([]);

    const second = decide(decideReceipt, ctx(), first.next, { ...receipt(2), receiptId: 'R-2' });
    expect(linesOf(orderAfter(second.decision, 'P'))).toEqual([['A', 5, 5]]);
    expect(orderAfter(second.decision, 'P-BO2').status).toBe('Merged');
    expect(findInvariantViolations(second.next.stock, second.next.orders, ORIGINALS)).toEqual([]);
  });

  it('a line only the backorder has joins the parent', () => {
    const start = [
      order('P', 'ReadyToPick', [['A', 2, 2]], { backorderIds: ['P-BO1'] }),
      {
        ...order('P-BO1', 'AwaitingStock', [], { parentId: 'P' }),
        lines: [{ lineId: '2', sku: 'A', quantity: 1, allocated: 0 }],
      },
    ];
    const { decision, next } = decide(decideReceipt, ctx(), snapshot([stock('A', 2, 2)], start), receipt(1));
    expect(orderAfter(decision, 'P').lines).toEqual([
      { lineId: '1', sku: 'A', quantity: 2, allocated: 2 },
      { lineId: '2', sku: 'A', quantity: 1, allocated: 1 },
    ]);
    const originals = new Map([
      [
        'P',
        new Map([
          ['1', 2],
          ['2', 1],
        ]),
      ],
    ]);
    expect(findInvariantViolations(next.stock, next.orders, originals)).toEqual([]);
  });

  it('a backorder whose line the channel moved to another SKU ships on its own: lines are counted by id', () => {
    const start = [
      order('P', 'ReadyToPick', [['B', 2, 2]], { backorderIds: ['P-BO1'] }),
      order('P-BO1', 'AwaitingStock', [['A', 1, 0]], { parentId: 'P' }),
    ];
    const { decision, next } = decide(decideReceipt, ctx(), snapshot([stock('B', 2, 2)], start), receipt(1));
    expect(orderAfter(decision, 'P-BO1')).toMatchObject({ status: 'ReadyToPick' });
    expect(eventList(decision)).not.toContain('Orders Merged P');
    expect(next.orders.find((candidate) => candidate.orderId === 'P')?.lines).toEqual([
      { lineId: '1', sku: 'B', quantity: 2, allocated: 2 },
    ]);
  });
});

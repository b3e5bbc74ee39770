import type { DecisionContext } from '../../../shared/allocation/decision.js';
import { decideIntake } from '../../../shared/allocation/intake.js';
import { decideSplitDelayExpiry } from '../../../shared/allocation/split-delay-expiry.js';
import { InvalidInputError, OrderNotFoundError } from '../../../shared/domain/errors.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { StockLevel } from '../../../shared/domain/stock.js';
import type { PolicyConfig, PolicyLayer } from '../../../shared/policy/policy.js';
import {
  decide,
  eventList,
  expectNoChange,
  expectRefusal,
  historyOf,
  levels,
  linesOf,
  orderAfter,
} from '../../support/engine-checks.js';
import { context, inboundSupply, incoming, order, snapshot, stock } from '../../support/engine-fixtures.js';

const DUE = '2026-12-01T10:00:00.000Z';
const SWEEP = { kind: 'system', id: 'sweep' } as const;
const policies = (extra: PolicyLayer = {}): PolicyConfig => ({
  tenant: { onShortage: 'split', splitDelayDays: 3, ...extra },
});
const at = (now: string, extra: PolicyLayer = {}): DecisionContext =>
  context({ now, actor: SWEEP, eventId: 'evt-sweep' }, policies(extra));

/** X waits for 1 × A with 3 × A and 2 × B in hand, its split put off until DUE. */
const delayed = (extra: Partial<SaleOrder> = {}) =>
  order(
    'X',
    'AwaitingStock',
    [
      ['A', 4, 3],
      ['B', 2, 2],
    ],
    { splitDueAt: DUE, ...extra },
  );
const held = () => [stock('A', 3, 3), stock('B', 2, 2)];

describe('decideSplitDelayExpiry', () => {
  it.each([
    ['exactly when it is due', DUE],
    ['after it is due', '2026-12-02T00:00:00.000Z'],
    ['after it is due, the sweep writing its time with an offset', '2026-12-01T12:00:00+02:00'],
  ])('splits %s: what the order holds ships, the rest moves to a backorder', (_, now) => {
    const { decision, next } = decide(decideSplitDelayExpiry, at(now), snapshot(held(), [delayed()]), {
      orderId: 'X',
    });
    const parent = orderAfter(decision, 'X');
    expect(parent).toMatchObject({ status: 'ReadyToPick', backorderIds: ['X-BO1'] });
    expect(parent.splitDueAt).toBeUndefined();
    expect(linesOf(parent)).toEqual([
      ['A', 3, 3],
      ['B', 2, 2],
    ]);
    expect(linesOf(orderAfter(decision, 'X-BO1'))).toEqual([['A', 1, 0]]);
    expect(levels(next)).toEqual({ A: [3, 3], B: [2, 2] });
    expect(historyOf(decision, 'X')).toMatchObject({
      actions: ['splitDelayExpired', 'split'],
      reasons: [
        'The split delay passed without the missing stock.',
        'Split: 5 of 6 units ship now, the rest waits on a backorder. Backorder X-BO1 takes the missing units.',
      ],
      actor: SWEEP,
      triggerEventId: 'evt-sweep',
    });
    expect(historyOf(decision, 'X').policy?.values).toMatchObject({ onShortage: 'split', splitDelayDays: 3 });
    expect(historyOf(decision, 'X').policy?.sources.splitDelayDays).toBe('tenant');
    expect(eventList(decision)).toEqual(['Order Split X', 'Backorder Fulfilled X']);
  });

  it('an order that held nothing (reserveWhileWaiting false) takes the free stock and splits', () => {
    const x = delayed({
      lines: [
        { lineId: '1', sku: 'A', quantity: 4, allocated: 0 },
        { lineId: '2', sku: 'B', quantity: 2, allocated: 0 },
      ],
    });
    const { decision, next } = decide(
      decideSplitDelayExpiry,
      at(DUE, { reserveWhileWaiting: false }),
      snapshot([stock('A', 3), stock('B', 2)], [x]),
      {
        orderId: 'X',
      },
    );
    expect(linesOf(orderAfter(decision, 'X'))).toEqual([
      ['A', 3, 3],
      ['B', 2, 2],
    ]);
    expect(levels(next)).toEqual({ A: [3, 3], B: [2, 2] });
    expect(decision.steps.map((step) => [step.sku, step.quantity, step.reason])).toEqual([
      ['A', 3, 'Available when the split delay passed.'],
      ['B', 2, 'Available when the split delay passed.'],
    ]);
    expect(eventList(decision)).toEqual(['Order Split X', 'Backorder Fulfilled X', 'Allocation Changed X']);
  });

  it.each([
    [
      'nothing to ship',
      order('X', 'AwaitingStock', [['A', 4, 0]], { splitDueAt: DUE }),
      [],
      {},
      'The split delay passed. Nothing is available to ship yet, so there is nothing to split.',
    ],
    [
      'too little to ship for the minimum fill',
      delayed(),
      held(),
      { minimumFill: { kind: 'percent', value: 90 } },
      'The split delay passed. Only 5 of 6 units are available, below the minimum fill of 90%: not split.',
    ],
    [
      'a channel that no longer takes split orders',
      delayed(),
      held(),
      { splitSupported: false },
      'The split delay passed. Channel shopify cannot take split orders: held with what is available.',
    ],
  ] as Array<[string, SaleOrder, StockLevel[], PolicyLayer, string]>)(
    'keeps waiting, and stops delaying, when there is %s',
    (_, x, levelsBefore, extra, reason) => {
      const { decision } = decide(decideSplitDelayExpiry, at(DUE, extra), snapshot(levelsBefore, [x]), {
        orderId: 'X',
      });
      const after = orderAfter(decision, 'X');
      expect(after.status).toBe('AwaitingStock');
      expect(after.splitDueAt).toBeUndefined();
      expect(after.backorderIds).toEqual([]);
      expect(linesOf(after)).toEqual(linesOf(x));
      expect(historyOf(decision, 'X')).toMatchObject({ actions: ['splitDelayExpired'], reasons: [reason] });
      expect(decision.events).toEqual([]);
    },
  );

  it.each([
    ['before it is due', delayed(), '2026-12-01T09:59:59.999Z'],
    ['before it is due, the sweep writing its time with an offset', delayed(), '2026-12-01T11:00:00+02:00'],
    ['for an order with no split delay', delayed({ splitDueAt: undefined }), DUE],
    ['for an order on hold', delayed({ status: 'OnHold' }), DUE],
    [
      'for an order already split',
      order(
        'X',
        'ReadyToPick',
        [
          ['A', 3, 3],
          ['B', 2, 2],
        ],
        { backorderIds: ['X-BO1'] },
      ),
      DUE,
    ],
  ])('changes nothing %s', (_, x, now) => {
    expectNoChange(decide(decideSplitDelayExpiry, at(now), snapshot(held(), [x]), { orderId: 'X' }).decision);
  });

  it('when the missing stock is now free, nothing is split: the order is offered it through its queue', () => {
    const x = delayed({ fillable: false });
    const state = snapshot([stock('A', 5, 3), stock('B', 2, 2)], [x]);
    const { decision, next } = decide(decideSplitDelayExpiry, at(DUE), state, { orderId: 'X' });
    const after = orderAfter(decision, 'X');
    expect(after.status).toBe('ReadyToPick');
    expect(after.backorderIds).toEqual([]);
    expect(linesOf(after)).toEqual([
      ['A', 4, 4],
      ['B', 2, 2],
    ]);
    expect(levels(next)).toEqual({ A: [5, 4], B: [2, 2] });
    expect(historyOf(decision, 'X').actions).toEqual(['splitDelayExpired', 'allocated']);
    expect(historyOf(decision, 'X').reasons).toEqual([
      'The split delay passed and the missing stock is free: not split.',
      'Fully allocated from the split delay of X (place 1 in the fifo queue for A).',
    ]);
    expect(eventList(decision)).toEqual(['Backorder Fulfilled X', 'Allocation Changed X']);
  });

  it('with autoAllocate false, free stock that covers the order leaves it for manual review, unsplit', () => {
    const x = delayed({ fillable: true });
    const state = snapshot([stock('A', 5, 3), stock('B', 2, 2)], [x]);
    const { decision, next } = decide(decideSplitDelayExpiry, at(DUE, { autoAllocate: false }), state, {
      orderId: 'X',
    });
    const after = orderAfter(decision, 'X');
    expect(after).toMatchObject({ status: 'AwaitingStock', fillable: true, backorderIds: [] });
    expect(after.splitDueAt).toBeUndefined();
    expect(levels(next)).toEqual({ A: [5, 3], B: [2, 2] });
    expect(historyOf(decision, 'X').reasons).toEqual([
      'The split delay passed and the missing stock is free: not split.',
    ]);
    expect(decision.events).toEqual([]);
  });

  it('from intake to expiry: the order waits while the stock is due, then splits once, and a repeat changes nothing', () => {
    const intakeCtx = context({ actor: { kind: 'channel', id: 'shopify' } }, policies());
    const inbound = [inboundSupply('A', 1, '2026-11-30T00:00:00.000Z')];
    const first = decide(
      decideIntake,
      intakeCtx,
      snapshot([stock('A', 3), stock('B', 5)], [], inbound),
      incoming('X', [
        ['A', 4],
        ['B', 2],
      ]),
    );
    expect(orderAfter(first.decision, 'X')).toMatchObject({ status: 'AwaitingStock', splitDueAt: DUE });

    const early = decide(decideSplitDelayExpiry, at('2026-11-30T00:00:00.000Z'), first.next, {
      orderId: 'X',
    });
    expectNoChange(early.decision);

    const expired = decide(decideSplitDelayExpiry, at(DUE), first.next, { orderId: 'X' });
    expect(orderAfter(expired.decision, 'X').backorderIds).toEqual(['X-BO1']);
    expect(orderAfter(expired.decision, 'X').version).toBe(2);

    expectNoChange(
      decide(decideSplitDelayExpiry, at('2026-12-02T00:00:00.000Z'), expired.next, { orderId: 'X' }).decision,
    );
  });

  it.each([
    ['an unknown order', { orderId: 'nope' }, OrderNotFoundError, 'ORDER_NOT_FOUND'],
    ['an empty order id', { orderId: '' }, InvalidInputError, 'INVALID_INPUT'],
  ] as const)('refuses %s', (_, input, type, code) => {
    expectRefusal(decideSplitDelayExpiry, at(DUE), snapshot(held(), [delayed()]), input, { type, code });
  });
});

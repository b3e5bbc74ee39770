import type { DecisionContext } from '../../../shared/allocation/decision.js';
import {
  type Dispatch,
  decideDispatch,
  decideFulfilmentStarted,
} from '../../../shared/allocation/fulfilment.js';
import {
  InvalidInputError,
  InvalidTransitionError,
  OrderNotFoundError,
} from '../../../shared/domain/errors.js';
import type { OrderStatus, SaleOrder } from '../../../shared/domain/order.js';
import {
  decide,
  eventList,
  eventsOfType,
  expectNoChange,
  expectRefusal,
  historyOf,
  levels,
  orderAfter,
} from '../../support/engine-checks.js';
import { context, order, snapshot, stock } from '../../support/engine-fixtures.js';

const WAREHOUSE_ACTOR = { kind: 'warehouse', id: 'wms' } as const;
const ctx = (): DecisionContext => context({ actor: WAREHOUSE_ACTOR, eventId: 'evt-wms' });

/** An order holding 2 × A and 1 × B, with a gift card that is not stock-managed. */
const picked = (status: OrderStatus) =>
  order('D', status, [
    ['A', 2, 2],
    ['B', 1, 1],
    [null, 1, 0],
  ]);
const state = (d: SaleOrder, others: SaleOrder[] = []) =>
  snapshot([stock('A', 5, 2), stock('B', 1, 1)], [d, ...others]);

describe('decideFulfilmentStarted', () => {
  it('locks a ready order’s allocations: it moves to InFulfilment and keeps its stock', () => {
    const { decision, next } = decide(decideFulfilmentStarted, ctx(), state(picked('ReadyToPick')), {
      orderId: 'D',
    });
    expect(orderAfter(decision, 'D').status).toBe('InFulfilment');
    expect(orderAfter(decision, 'D').lines).toEqual(picked('ReadyToPick').lines);
    expect(levels(next)).toEqual({ A: [5, 2], B: [1, 1] });
    expect(historyOf(decision, 'D')).toMatchObject({
      actions: ['fulfilmentStarted'],
      reasons: ['The warehouse started picking: allocations are locked.'],
      statusBefore: 'ReadyToPick',
      actor: WAREHOUSE_ACTOR,
      triggerEventId: 'evt-wms',
    });
    expect(decision.events).toEqual([]);
    expect(decision.stock).toEqual([]);
  });

  it.each(['InFulfilment', 'Dispatched'] as const)(
    'a repeat, or a late delivery, for an order %s changes nothing',
    (status) => {
      const start =
        status === 'Dispatched'
          ? snapshot([stock('A', 3)], [order('D', 'Dispatched', [['A', 2, 0]])])
          : state(picked(status));
      expectNoChange(decide(decideFulfilmentStarted, ctx(), start, { orderId: 'D' }).decision);
    },
  );

  it.each(['AwaitingStock', 'OnHold', 'Cancelled', 'Rejected'] as const)(
    'refuses an order that is %s',
    (status) => {
      const d = order('D', status, [['A', 2, 0]]);
      expectRefusal(
        decideFulfilmentStarted,
        ctx(),
        snapshot([], [d]),
        { orderId: 'D' },
        {
          type: InvalidTransitionError,
          code: 'INVALID_TRANSITION',
          details: { orderId: 'D', act: 'start fulfilment of', status, allowed: ['ReadyToPick'] },
        },
      );
    },
  );

  it.each([
    ['an empty order id', { orderId: '' }, InvalidInputError, 'INVALID_INPUT'],
    ['an unknown order', { orderId: 'nope' }, OrderNotFoundError, 'ORDER_NOT_FOUND'],
  ] as const)('refuses %s', (_, input, type, code) => {
    expectRefusal(decideFulfilmentStarted, ctx(), state(picked('ReadyToPick')), input, { type, code });
  });
});

describe('decideDispatch', () => {
  it.each(['InFulfilment', 'ReadyToPick'] as const)(
    'a full dispatch of an order %s turns its allocations into stock movements',
    (status) => {
      const { decision, next } = decide(decideDispatch, ctx(), state(picked(status)), { orderId: 'D' });
      const after = orderAfter(decision, 'D');
      expect(after.status).toBe('Dispatched');
      expect(after.lines.map((line) => [line.sku, line.quantity, line.allocated, line.shipped])).toEqual([
        ['A', 2, 0, 2],
        ['B', 1, 0, 1],
        [null, 1, 0, 1],
      ]);
      expect(levels(next)).toEqual({ A: [3, 0], B: [0, 0] });
      expect(historyOf(decision, 'D')).toMatchObject({
        actions: ['dispatched'],
        reasons: ['Dispatched.'],
        actor: WAREHOUSE_ACTOR,
      });
      expect(eventsOfType(decision, 'Allocation Changed')).toEqual([
        expect.objectContaining({
          orderId: 'D',
          changes: [
            { lineId: '1', sku: 'A', before: 2, after: 0 },
            { lineId: '2', sku: 'B', before: 1, after: 0 },
          ],
        }),
      ]);
      expect(decision.steps.map((step) => step.reason)).toEqual(['Dispatched 2.', 'Dispatched 1.']);
    },
  );

  it('a short dispatch frees the unshipped units for the waiting orders of that SKU', () => {
    const w = order('W', 'AwaitingStock', [['A', 4, 0]], { createdAt: '2026-11-28T09:30:00.000Z' });
    const wb = order('WB', 'AwaitingStock', [['B', 1, 0]], { createdAt: '2026-11-28T09:30:00.000Z' });
    const input: Dispatch = {
      orderId: 'D',
      lines: [
        { lineId: '1', quantity: 1 },
        { lineId: '3', quantity: 0 },
      ],
    };
    const { decision, next } = decide(
      decideDispatch,
      ctx(),
      snapshot([stock('A', 2, 2), stock('B', 1, 1)], [picked('InFulfilment'), w, wb]),
      input,
    );
    const after = orderAfter(decision, 'D');
    expect(after.lines.map((line) => [line.lineId, line.allocated, line.shipped])).toEqual([
      ['1', 0, 1],
      ['2', 0, 1],
      ['3', 0, 0],
    ]);
    expect(historyOf(decision, 'D').reasons).toEqual(['Dispatched short: the unshipped units were freed.']);
    // One A stayed on the shelf and goes to W; all of B shipped, so WB is not touched.
    expect(levels(next)).toEqual({ A: [1, 1], B: [0, 0] });
    expect(orderAfter(decision, 'W').lines[0]?.allocated).toBe(1);
    expect(historyOf(decision, 'W').reasons).toEqual([
      'Partly allocated from short dispatch of D (place 1 in the fifo queue for A).',
    ]);
    expect(decision.orders.map(({ after: changed }) => changed.orderId)).toEqual(['D', 'W']);
    expect(eventList(decision)).toEqual(['Allocation Changed D', 'Allocation Changed W']);
  });

  it('a repeat for a dispatched order changes nothing', () => {
    const d = order('D', 'Dispatched', [['A', 2, 0]]);
    expectNoChange(decide(decideDispatch, ctx(), snapshot([stock('A', 3)], [d]), { orderId: 'D' }).decision);
  });

  it.each(['AwaitingStock', 'OnHold', 'Cancelled', 'Rejected'] as const)(
    'refuses to dispatch an order that is %s',
    (status) => {
      const d = order('D', status, [['A', 2, 0]]);
      expectRefusal(
        decideDispatch,
        ctx(),
        snapshot([], [d]),
        { orderId: 'D' },
        {
          type: InvalidTransitionError,
          code: 'INVALID_TRANSITION',
          details: { orderId: 'D', act: 'dispatch', status, allowed: ['ReadyToPick', 'InFulfilment'] },
        },
      );
    },
  );

  it.each([
    ['a line the order does not have', [{ lineId: '9', quantity: 1 }], { lineId: '9' }],
    ['more than a line holds', [{ lineId: '1', quantity: 3 }], { lineId: '1', shipped: 3, allocated: 2 }],
    ['more of a gift card than was ordered', [{ lineId: '3', quantity: 2 }], { lineId: '3', shipped: 2 }],
    ['a negative quantity', [{ lineId: '1', quantity: -1 }], undefined],
    ['a fractional quantity', [{ lineId: '1', quantity: 0.5 }], undefined],
    [
      'the same line twice',
      [
        { lineId: '1', quantity: 1 },
        { lineId: '1', quantity: 1 },
      ],
      undefined,
    ],
  ] as const)('refuses to ship %s with INVALID_INPUT, changing nothing', (_, lines, details) => {
    expectRefusal(
      decideDispatch,
      ctx(),
      state(picked('InFulfilment')),
      { orderId: 'D', lines: [...lines] },
      {
        type: InvalidInputError,
        code: 'INVALID_INPUT',
        ...(details ? { details } : {}),
      },
    );
  });
});

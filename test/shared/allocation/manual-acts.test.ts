import type { Decision, DecisionContext, StateSnapshot } from '../../../shared/allocation/decision.js';
import {
  decideHold,
  decideManualAllocation,
  decideManualCancel,
  decideManualSplit,
  decideRelease,
  decideUnhold,
  type ManualAct,
  type ManualAllocation,
} from '../../../shared/allocation/manual-acts.js';
import {
  InsufficientStockError,
  InvalidInputError,
  InvalidTransitionError,
  OrderNotFoundError,
  SplitNotPossibleError,
} from '../../../shared/domain/errors.js';
import { ORDER_STATUSES, type OrderStatus, type SaleOrder } from '../../../shared/domain/order.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
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
import { context, order, snapshot, stock } from '../../support/engine-fixtures.js';

const PERSON = { kind: 'person', id: 'ops-1' } as const;
const ctx = (policies: PolicyConfig = {}): DecisionContext =>
  context({ actor: PERSON, eventId: 'evt-manual' }, policies);

type Decide<I> = (context: DecisionContext, snapshot: StateSnapshot, input: I) => Decision;

/** An order in `status` whose lines are consistent with it, holding 1 × A of 2 where it may. */
const inStatus = (status: OrderStatus, orderId = 'W'): SaleOrder => {
  switch (status) {
    case 'AwaitingStock':
    case 'OnHold':
      return order(orderId, status, [['A', 2, 1]]);
    case 'ReadyToPick':
    case 'InFulfilment':
      return order(orderId, status, [['A', 2, 2]]);
    default:
      return order(orderId, status, [['A', 2, 0]]);
  }
};
const stateWith = (w: SaleOrder, free = 5) => {
  const held = w.lines.reduce((sum, line) => sum + line.allocated, 0);
  return snapshot([stock('A', held + free, held)], [w]);
};

/** Every act refused outside the statuses it is allowed in, with the act's name in the error. */
const ACTS: Array<{
  act: string;
  fn: Decide<never>;
  input: ManualAct | ManualAllocation;
  allowed: OrderStatus[];
  noop?: OrderStatus[];
}> = [
  {
    act: 'allocate to',
    fn: decideManualAllocation as Decide<never>,
    input: { orderId: 'W', reason: 'VIP', lines: [{ lineId: '1', quantity: 1 }] },
    allowed: ['AwaitingStock', 'OnHold'],
  },
  {
    act: 'release',
    fn: decideRelease as Decide<never>,
    input: { orderId: 'W', reason: 'wrong batch' },
    allowed: ['AwaitingStock', 'ReadyToPick', 'OnHold'],
  },
  {
    act: 'hold',
    fn: decideHold as Decide<never>,
    input: { orderId: 'W', reason: 'fraud check' },
    allowed: ['AwaitingStock', 'ReadyToPick'],
  },
  {
    act: 'unhold',
    fn: decideUnhold as Decide<never>,
    input: { orderId: 'W', reason: 'cleared' },
    allowed: ['OnHold'],
  },
  {
    act: 'split',
    fn: decideManualSplit as Decide<never>,
    input: { orderId: 'W', reason: 'ship part' },
    allowed: ['AwaitingStock', 'OnHold'],
  },
  {
    act: 'cancel',
    fn: decideManualCancel as Decide<never>,
    input: { orderId: 'W', reason: 'customer asked' },
    allowed: ['AwaitingStock', 'ReadyToPick', 'OnHold'],
    noop: ['Cancelled'],
  },
];

describe('manual acts: allowed statuses', () => {
  const rows = ACTS.flatMap(({ act, fn, input, allowed, noop = [] }) =>
    ORDER_STATUSES.filter((status) => !allowed.includes(status) && !noop.includes(status)).map(
      (status) => [act, status, fn, input, allowed] as const,
    ),
  );

  it.each(rows)(
    'refuses to %s an order that is %s, with INVALID_TRANSITION',
    (act, status, fn, input, allowed) => {
      expectRefusal(fn, ctx(), stateWith(inStatus(status)), input as never, {
        type: InvalidTransitionError,
        code: 'INVALID_TRANSITION',
        details: { orderId: 'W', act, status, allowed },
      });
    },
  );

  it.each(ACTS)('refuses to $act an order that does not exist, with ORDER_NOT_FOUND', ({ fn, input }) => {
    expectRefusal(fn, ctx(), snapshot([]), input as never, {
      type: OrderNotFoundError,
      code: 'ORDER_NOT_FOUND',
      details: { orderId: 'W' },
    });
  });

  it.each(
    ACTS.flatMap(
      ({ act, fn, input }) =>
        [
          [act, 'no reason', fn, { ...input, reason: '' }],
          [act, 'a blank reason', fn, { ...input, reason: '   ' }],
          [act, 'an empty order id', fn, { ...input, orderId: '' }],
        ] as const,
    ),
  )('refuses to %s with %s, with INVALID_INPUT', (_, __, fn, input) => {
    expectRefusal(fn, ctx(), stateWith(inStatus('AwaitingStock')), input as never, {
      type: InvalidInputError,
      code: 'INVALID_INPUT',
    });
  });
});

describe('decideManualAllocation', () => {
  const allocate = (lines: ManualAllocation['lines'], reason = 'VIP customer'): ManualAllocation => ({
    orderId: 'W',
    reason,
    lines,
  });

  it.each([
    [
      'part of what is missing',
      order('W', 'AwaitingStock', [['A', 4, 1]]),
      1,
      'AwaitingStock',
      [['A', 4, 2]],
      ['Allocation Changed W'],
    ],
    [
      'all that is missing',
      order('W', 'AwaitingStock', [['A', 4, 1]], { fillable: true, splitDueAt: '2026-12-01T00:00:00.000Z' }),
      3,
      'ReadyToPick',
      [['A', 4, 4]],
      ['Backorder Fulfilled W', 'Allocation Changed W'],
    ],
    [
      'to an order on hold, which stays on hold',
      order('W', 'OnHold', [['A', 4, 1]]),
      3,
      'OnHold',
      [['A', 4, 4]],
      ['Allocation Changed W'],
    ],
  ] as Array<[string, SaleOrder, number, OrderStatus, Array<[string, number, number]>, string[]]>)(
    'allocates %s',
    (_, w, quantity, status, lines, events) => {
      const { decision, next } = decide(
        decideManualAllocation,
        ctx(),
        stateWith(w, 3),
        allocate([{ lineId: '1', quantity }]),
      );
      const after = orderAfter(decision, 'W');
      expect(after.status).toBe(status);
      expect(linesOf(after)).toEqual(lines);
      expect(after.fillable).toBe(false);
      if (status === 'ReadyToPick') expect(after.splitDueAt).toBeUndefined();
      expect(levels(next)).toEqual({ A: [4, 1 + quantity] });
      expect(historyOf(decision, 'W')).toMatchObject({
        actions: ['allocated'],
        reasons: ['Allocated by hand by person ops-1: VIP customer'],
        actor: PERSON,
        triggerEventId: 'evt-manual',
      });
      expect(decision.steps).toEqual([
        {
          orderId: 'W',
          lineId: '1',
          warehouseId: 'main',
          sku: 'A',
          quantity,
          reason: 'Allocated by hand by person ops-1: VIP customer',
        },
      ]);
      expect(eventList(decision)).toEqual(events);
    },
  );

  it('allocates several lines in one act, even under a policy that would hold nothing', () => {
    const w = order('W', 'AwaitingStock', [
      ['A', 2, 0],
      ['B', 3, 0],
    ]);
    const state = snapshot([stock('A', 5), stock('B', 5)], [w]);
    const input = allocate([
      { lineId: '1', quantity: 2 },
      { lineId: '2', quantity: 1 },
    ]);
    const { decision, next } = decide(
      decideManualAllocation,
      ctx({ tenant: { onShortage: 'holdAll' } }),
      state,
      input,
    );
    expect(linesOf(orderAfter(decision, 'W'))).toEqual([
      ['A', 2, 2],
      ['B', 3, 1],
    ]);
    expect(levels(next)).toEqual({ A: [5, 2], B: [5, 1] });
  });

  it.each([
    [
      'more than the line needs',
      order('W', 'AwaitingStock', [['A', 2, 1]]),
      5,
      [{ lineId: '1', quantity: 2 }],
      InvalidInputError,
      'INVALID_INPUT',
      { lineId: '1', requested: 2, needed: 1 },
    ],
    [
      'more than is available',
      order('W', 'AwaitingStock', [['A', 4, 1]]),
      1,
      [{ lineId: '1', quantity: 2 }],
      InsufficientStockError,
      'INSUFFICIENT_STOCK',
      { sku: 'A', requested: 2, available: 1 },
    ],
    [
      'a line without a SKU',
      order('W', 'AwaitingStock', [
        [null, 1, 0],
        ['A', 2, 0],
      ]),
      5,
      [{ lineId: '1', quantity: 1 }],
      InvalidInputError,
      'INVALID_INPUT',
      { lineId: '1' },
    ],
    [
      'a line the order does not have',
      order('W', 'AwaitingStock', [['A', 2, 0]]),
      5,
      [{ lineId: '9', quantity: 1 }],
      InvalidInputError,
      'INVALID_INPUT',
      { lineId: '9' },
    ],
    [
      'a zero quantity',
      order('W', 'AwaitingStock', [['A', 2, 0]]),
      5,
      [{ lineId: '1', quantity: 0 }],
      InvalidInputError,
      'INVALID_INPUT',
      undefined,
    ],
    [
      'a negative quantity',
      order('W', 'AwaitingStock', [['A', 2, 0]]),
      5,
      [{ lineId: '1', quantity: -1 }],
      InvalidInputError,
      'INVALID_INPUT',
      undefined,
    ],
    [
      'a fractional quantity',
      order('W', 'AwaitingStock', [['A', 2, 0]]),
      5,
      [{ lineId: '1', quantity: 1.5 }],
      InvalidInputError,
      'INVALID_INPUT',
      undefined,
    ],
    [
      'no lines',
      order('W', 'AwaitingStock', [['A', 2, 0]]),
      5,
      [],
      InvalidInputError,
      'INVALID_INPUT',
      undefined,
    ],
    [
      'the same line twice',
      order('W', 'AwaitingStock', [['A', 2, 0]]),
      5,
      [
        { lineId: '1', quantity: 1 },
        { lineId: '1', quantity: 1 },
      ],
      InvalidInputError,
      'INVALID_INPUT',
      { issues: [{ path: '1', message: 'Duplicate line id 1' }] },
    ],
  ] as const)('refuses %s, changing nothing', (_, w, free, lines, type, code, details) => {
    expectRefusal(decideManualAllocation, ctx(), stateWith(w, free), allocate([...lines]), {
      type,
      code,
      ...(details ? { details } : {}),
    });
  });
});

describe('decideRelease', () => {
  it.each([
    [
      'ReadyToPick',
      order('R', 'ReadyToPick', [['A', 2, 2]]),
      'AwaitingStock',
      ['Order Awaiting Stock R', 'Allocation Changed R'],
    ],
    ['AwaitingStock', order('R', 'AwaitingStock', [['A', 4, 2]]), 'AwaitingStock', ['Allocation Changed R']],
    ['OnHold', order('R', 'OnHold', [['A', 2, 2]], { fillable: true }), 'OnHold', ['Allocation Changed R']],
  ] as Array<[string, SaleOrder, OrderStatus, string[]]>)(
    'releases everything a %s order holds; the stock goes to the next waiting order, not back to it',
    (_, r, status, events) => {
      const w = order('W', 'AwaitingStock', [['A', 2, 0]], { createdAt: '2026-11-28T09:30:00.000Z' });
      const state = snapshot([stock('A', 2, 2)], [{ ...r, createdAt: '2026-11-28T08:00:00.000Z' }, w]);
      const { decision, next } = decide(decideRelease, ctx(), state, { orderId: 'R', reason: 'wrong batch' });
      const after = orderAfter(decision, 'R');
      expect(after.status).toBe(status);
      expect(after.fillable).toBe(false);
      expect(after.lines.every((line) => line.allocated === 0)).toBe(true);
      expect(orderAfter(decision, 'W').status).toBe('ReadyToPick');
      expect(levels(next)).toEqual({ A: [2, 2] });
      expect(historyOf(decision, 'R')).toMatchObject({
        actions: ['released'],
        reasons: ['Released by person ops-1: wrong batch'],
        actor: PERSON,
      });
      expect(historyOf(decision, 'W').reasons).toEqual([
        'Fully allocated from release of R (place 1 in the fifo queue for A).',
      ]);
      expect(eventList(decision)).toEqual([...events, 'Backorder Fulfilled W', 'Allocation Changed W']);
    },
  );
});

describe('decideHold and decideUnhold', () => {
  it.each([
    ['AwaitingStock', order('W', 'AwaitingStock', [['A', 2, 1]], { fillable: true })],
    ['ReadyToPick', order('W', 'ReadyToPick', [['A', 2, 2]])],
  ] as const)('a %s order held keeps what it has and is taken off the review list', (statusBefore, w) => {
    const { decision, next } = decide(decideHold, ctx(), stateWith(w, 0), {
      orderId: 'W',
      reason: 'fraud check',
    });
    const after = orderAfter(decision, 'W');
    expect(after).toMatchObject({ status: 'OnHold', fillable: false });
    expect(linesOf(after)).toEqual(linesOf(w));
    expect(levels(next)).toEqual(levels(stateWith(w, 0)));
    expect(historyOf(decision, 'W')).toMatchObject({
      actions: ['held'],
      reasons: ['Held by person ops-1: fraud check'],
      statusBefore,
      statusAfter: 'OnHold',
    });
    expect(decision.events).toEqual([]);
  });

  it.each([
    ['fully allocated: ready to pick', order('W', 'OnHold', [['A', 2, 2]]), 'ReadyToPick', [], [['A', 2, 2]]],
    [
      'short, with no free stock: waiting',
      order('W', 'OnHold', [['A', 2, 1]]),
      'AwaitingStock',
      ['Order Awaiting Stock W'],
      [['A', 2, 1]],
    ],
    [
      'short, with no stock at all: waiting',
      order('W', 'OnHold', [['A', 2, 0]]),
      'AwaitingStock',
      ['Order Awaiting Stock W'],
      [['A', 2, 0]],
    ],
  ] as Array<[string, SaleOrder, OrderStatus, string[], Array<[string, number, number]>]>)(
    'an unheld order %s',
    (_, w, status, events, lines) => {
      const { decision } = decide(decideUnhold, ctx(), stateWith(w, 0), { orderId: 'W', reason: 'cleared' });
      expect(orderAfter(decision, 'W').status).toBe(status);
      expect(linesOf(orderAfter(decision, 'W'))).toEqual(lines);
      expect(historyOf(decision, 'W')).toMatchObject({
        actions: ['unheld'],
        reasons: ['Unheld by person ops-1: cleared'],
      });
      expect(eventList(decision)).toEqual(events);
    },
  );
});

describe('decideManualSplit', () => {
  const short = (status: OrderStatus, extra: Partial<SaleOrder> = {}) =>
    order(
      'W',
      status,
      [
        ['A', 4, 3],
        ['B', 2, 0],
        [null, 1, 0],
      ],
      extra,
    );
  const state = (w: SaleOrder) => snapshot([stock('A', 3, 3)], [w]);

  it.each([
    ['AwaitingStock', 'ReadyToPick', ['Order Split W', 'Backorder Fulfilled W']],
    ['OnHold', 'OnHold', ['Order Split W']],
  ] as const)(
    'splits a %s order: what it holds stays (%s), the rest moves to a backorder',
    (statusBefore, status, events) => {
      const { decision, next } = decide(decideManualSplit, ctx(), state(short(statusBefore)), {
        orderId: 'W',
        reason: 'ship what we have',
      });
      const parent = orderAfter(decision, 'W');
      expect(parent).toMatchObject({ status, backorderIds: ['W-BO1'] });
      expect(linesOf(parent)).toEqual([
        ['A', 3, 3],
        [null, 1, 0],
      ]);
      const backorder = orderAfter(decision, 'W-BO1');
      expect(backorder).toMatchObject({
        status: 'AwaitingStock',
        parentId: 'W',
        customer: parent.customer,
        createdAt: parent.createdAt,
      });
      expect(backorder.lines).toEqual([
        { lineId: '1', sku: 'A', quantity: 1, allocated: 0 },
        { lineId: '2', sku: 'B', quantity: 2, allocated: 0 },
      ]);
      expect(levels(next)).toEqual({ A: [3, 3] });
      const entry = historyOf(decision, 'W');
      expect(entry.actions).toEqual(['split']);
      expect(entry.reasons).toEqual([
        'Split by person ops-1: ship what we have. Backorder W-BO1 takes the missing units.',
      ]);
      expect(entry.actor).toEqual(PERSON);
      expect(entry.policy?.values.splitSupported).toBe(true);
      expect(historyOf(decision, 'W-BO1')).toMatchObject({
        actions: ['createdBySplit'],
        statusBefore: null,
        actor: PERSON,
      });
      expect(eventList(decision)).toEqual(events);
    },
  );

  it('a second split of the same parent gets the next backorder number', () => {
    const w = short('AwaitingStock', { backorderIds: ['W-BO1'] });
    const sibling = order('W-BO1', 'AwaitingStock', [['C', 1, 0]], { parentId: 'W' });
    const { decision } = decide(decideManualSplit, ctx(), snapshot([stock('A', 3, 3)], [w, sibling]), {
      orderId: 'W',
      reason: 'again',
    });
    expect(orderAfter(decision, 'W').backorderIds).toEqual(['W-BO1', 'W-BO2']);
    expect(orderAfter(decision, 'W-BO2').parentId).toBe('W');
  });

  it.each([
    [
      'on a channel that cannot take split orders',
      short('AwaitingStock'),
      { channels: { shopify: { splitSupported: false } } },
      { channel: 'shopify' },
    ],
    [
      'when the order holds nothing to ship',
      order('W', 'AwaitingStock', [['A', 4, 0]]),
      {},
      { orderId: 'W' },
    ],
  ] as Array<[string, SaleOrder, PolicyConfig, Record<string, unknown>]>)(
    'refuses %s with SPLIT_NOT_POSSIBLE',
    (_, w, policies, details) => {
      const held = w.lines.reduce((sum, line) => sum + line.allocated, 0);
      expectRefusal(
        decideManualSplit,
        ctx(policies),
        snapshot([stock('A', held, held)], [w]),
        { orderId: 'W', reason: 'x' },
        {
          type: SplitNotPossibleError,
          code: 'SPLIT_NOT_POSSIBLE',
          details,
        },
      );
    },
  );
});

describe('decideManualCancel', () => {
  it.each([
    [
      'AwaitingStock',
      order('C', 'AwaitingStock', [['A', 4, 2]], { splitDueAt: '2026-12-01T00:00:00.000Z' }),
      ['Allocation Changed C'],
    ],
    ['ReadyToPick', order('C', 'ReadyToPick', [['A', 2, 2]]), ['Allocation Changed C']],
    ['OnHold', order('C', 'OnHold', [['A', 2, 2]]), ['Allocation Changed C']],
    ['OnHold, holding nothing', order('C', 'OnHold', [['A', 2, 0]]), []],
  ] as Array<[string, SaleOrder, string[]]>)(
    'cancels a %s order, releasing its stock to the next waiting order',
    (_, c, events) => {
      const held = c.lines[0]?.allocated ?? 0;
      const w = order('W', 'AwaitingStock', [['A', 1, 0]], { createdAt: '2026-11-28T09:30:00.000Z' });
      const { decision, next } = decide(
        decideManualCancel,
        ctx(),
        snapshot([stock('A', held, held)], [c, w]),
        {
          orderId: 'C',
          reason: 'customer asked',
        },
      );
      const after = orderAfter(decision, 'C');
      expect(after).toMatchObject({ status: 'Cancelled', fillable: false });
      expect(after.splitDueAt).toBeUndefined();
      expect(after.lines.every((line) => line.allocated === 0)).toBe(true);
      expect(historyOf(decision, 'C')).toMatchObject({
        actions: ['cancelled'],
        reasons: ['Cancelled by person ops-1: customer asked'],
        actor: PERSON,
      });
      if (held > 0) {
        expect(orderAfter(decision, 'W').status).toBe('ReadyToPick');
        expect(levels(next)).toEqual({ A: [held, 1] });
        expect(eventList(decision)).toEqual([...events, 'Backorder Fulfilled W', 'Allocation Changed W']);
      } else {
        expect(decision.orders.map(({ after: changed }) => changed.orderId)).toEqual(['C']);
        expect(eventList(decision)).toEqual(events);
      }
    },
  );

  it('cancelling a cancelled order again changes nothing', () => {
    const c = order('C', 'Cancelled', [['A', 2, 0]]);
    const { decision } = decide(decideManualCancel, ctx(), snapshot([], [c]), {
      orderId: 'C',
      reason: 'again',
    });
    expectNoChange(decision);
  });
});

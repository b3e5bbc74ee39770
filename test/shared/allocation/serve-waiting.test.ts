import { decideChannelCancellation, decideOrderUpdate } from '../../../shared/allocation/channel-orders.js';
import type { Decision, DecisionContext, StateSnapshot } from '../../../shared/allocation/decision.js';
import { decideDispatch } from '../../../shared/allocation/fulfilment.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import { decideManualCancel, decideRelease, decideUnhold } from '../../../shared/allocation/manual-acts.js';
import { decideAdjustment, decideReceipt } from '../../../shared/allocation/stock-movements.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import {
  decide,
  eventList,
  eventsOfType,
  historyOf,
  levels,
  linesOf,
  orderAfter,
} from '../../support/engine-checks.js';
import { context, inboundSupply, order, snapshot, stock } from '../../support/engine-fixtures.js';

const WAREHOUSE_ACTOR = { kind: 'warehouse', id: 'wms' } as const;
const ctx = (policies: PolicyConfig = {}) =>
  context({ actor: WAREHOUSE_ACTOR, eventId: 'evt-serve' }, policies);
const receipt = (sku: string, quantity: number, warehouseId = 'main') => ({
  receiptId: 'R-1',
  warehouseId,
  lines: [{ sku, quantity }],
});

const waiting = (orderId: string, quantity: number, extra: Partial<SaleOrder> = {}, sku = 'A') =>
  order(orderId, 'AwaitingStock', [[sku, quantity, 0]], extra);

/** Four orders waiting for 2 × A each, built so that each rule serves them in a different order. */
const QUEUE = () => [
  waiting('B1', 2, {
    createdAt: '2026-11-28T08:00:00.000Z',
    priority: 1,
    shipBy: '2026-12-10T00:00:00.000Z',
  }),
  waiting('A1', 2, {
    createdAt: '2026-11-28T08:00:00.000Z',
    priority: 1,
    shipBy: '2026-12-03T00:00:00.000Z',
  }),
  waiting('C1', 2, { createdAt: '2026-11-28T07:00:00.000Z', priority: 0 }),
  waiting('D1', 2, {
    createdAt: '2026-11-28T09:00:00.000Z',
    priority: 9,
    shipBy: '2026-12-03T00:00:00.000Z',
  }),
];

const servedInOrder = (decision: Decision, next: StateSnapshot, sequence: string[]) => {
  const [first, second, third, fourth] = sequence as [string, string, string, string];
  const find = (id: string) => next.orders.find((candidate) => candidate.orderId === id) as SaleOrder;
  expect(linesOf(find(first))).toEqual([['A', 2, 2]]);
  expect(linesOf(find(second))).toEqual([['A', 2, 2]]);
  expect(linesOf(find(third))).toEqual([['A', 2, 1]]);
  expect(linesOf(find(fourth))).toEqual([['A', 2, 0]]);
  expect([first, second].map((id) => find(id).status)).toEqual(['ReadyToPick', 'ReadyToPick']);
  expect([third, fourth].map((id) => find(id).status)).toEqual(['AwaitingStock', 'AwaitingStock']);
  expect(decision.orders.map(({ after }) => after.orderId)).toEqual([first, second, third]);
};

describe('serving waiting orders: the priority rule', () => {
  it.each([
    ['fifo (default)', {}, ['C1', 'A1', 'B1', 'D1']],
    ['fifo (tenant)', { tenant: { priority: 'fifo' } }, ['C1', 'A1', 'B1', 'D1']],
    ['shipBy (tenant)', { tenant: { priority: 'shipBy' } }, ['A1', 'D1', 'B1', 'C1']],
    ['priorityThenFifo (tenant)', { tenant: { priority: 'priorityThenFifo' } }, ['D1', 'A1', 'B1', 'C1']],
    [
      'shipBy (SKU layer over the tenant)',
      { tenant: { priority: 'fifo' }, skus: { A: { priority: 'shipBy' } } },
      ['A1', 'D1', 'B1', 'C1'],
    ],
    [
      'fifo (a channel layer cannot change a shared queue)',
      { channels: { shopify: { priority: 'shipBy' } } },
      ['C1', 'A1', 'B1', 'D1'],
    ],
  ] as Array<[string, PolicyConfig, string[]]>)('%s serves %j', (_, policies, sequence) => {
    const state = snapshot([stock('A', 0)], QUEUE());
    const { decision, next } = decide(decideReceipt, ctx(policies), state, receipt('A', 5));
    servedInOrder(decision, next, sequence);
    expect(levels(next)).toEqual({ A: [5, 5] });

    const rule = sequence[0] === 'C1' ? 'fifo' : sequence[0] === 'A1' ? 'shipBy' : 'priorityThenFifo';
    const [first, second, third] = sequence as [string, string, string];
    expect(historyOf(decision, first)).toMatchObject({
      actions: ['allocated'],
      reasons: [`Fully allocated from receipt R-1 (place 1 in the ${rule} queue for A).`],
      statusBefore: 'AwaitingStock',
      statusAfter: 'ReadyToPick',
      actor: WAREHOUSE_ACTOR,
      triggerEventId: 'evt-serve',
    });
    expect(historyOf(decision, second).reasons).toEqual([
      `Fully allocated from receipt R-1 (place 2 in the ${rule} queue for A).`,
    ]);
    expect(historyOf(decision, third).reasons).toEqual([
      `Partly allocated from receipt R-1 (place 3 in the ${rule} queue for A).`,
    ]);
    expect(historyOf(decision, first).policy?.values.autoAllocate).toBe(true);
    expect(eventList(decision)).toEqual([
      `Backorder Fulfilled ${first}`,
      `Allocation Changed ${first}`,
      `Backorder Fulfilled ${second}`,
      `Allocation Changed ${second}`,
      `Allocation Changed ${third}`,
    ]);
    expect(eventsOfType(decision, 'Allocation Changed')[2]?.changes).toEqual([
      { lineId: '1', sku: 'A', before: 0, after: 1 },
    ]);
  });

  it.each([
    ['fifo', 'same created time: the lower order id first'],
    ['shipBy', 'same ship-by date: the earlier created time, then the order id'],
    ['priorityThenFifo', 'same priority: the earlier created time, then the order id'],
  ] as const)('%s breaks ties by created time, then order id (%s)', (priority, _) => {
    const orders = [
      waiting('O-2', 1, {
        createdAt: '2026-11-28T08:00:00.000Z',
        priority: 3,
        shipBy: '2026-12-01T00:00:00.000Z',
      }),
      waiting('O-3', 1, {
        createdAt: '2026-11-28T07:59:59.999Z',
        priority: 3,
        shipBy: '2026-12-01T00:00:00.000Z',
      }),
      waiting('O-1', 1, {
        createdAt: '2026-11-28T08:00:00.000Z',
        priority: 3,
        shipBy: '2026-12-01T00:00:00.000Z',
      }),
    ];
    const { decision } = decide(
      decideReceipt,
      ctx({ tenant: { priority } }),
      snapshot([], orders),
      receipt('A', 2),
    );
    expect(decision.orders.map(({ after }) => after.orderId)).toEqual(['O-3', 'O-1']);
  });

  it('serves by the moment an order was created, whatever offset or precision the channel wrote it in', () => {
    const orders = [
      waiting('late', 1, { createdAt: '2026-11-28T09:00:00.500Z' }),
      waiting('early', 1, { createdAt: '2026-11-28T09:00:00Z' }),
      waiting('earliest', 1, { createdAt: '2026-11-28T10:00:00+02:00' }),
    ];
    const { decision } = decide(decideReceipt, ctx(), snapshot([], orders), receipt('A', 2));
    expect(decision.orders.map(({ after }) => after.orderId)).toEqual(['earliest', 'early']);
  });
});

describe('serving waiting orders: autoAllocate false', () => {
  const manual: PolicyConfig = { tenant: { autoAllocate: false } };

  it('marks the orders that could now be filled, allocates nothing, and keeps their stock from the orders behind', () => {
    const state = snapshot([stock('A', 0)], QUEUE());
    const { decision, next } = decide(decideReceipt, ctx(manual), state, receipt('A', 5));
    expect(levels(next)).toEqual({ A: [5, 0] });
    expect(decision.orders.map(({ after }) => [after.orderId, after.status, after.fillable])).toEqual([
      ['C1', 'AwaitingStock', true],
      ['A1', 'AwaitingStock', true],
    ]);
    expect(linesOf(orderAfter(decision, 'A1'))).toEqual([['A', 2, 0]]);
    expect(historyOf(decision, 'C1')).toMatchObject({
      actions: ['markedFillable'],
      reasons: [
        'Could now be filled from receipt R-1 (place 1 in the fifo queue for A); waiting for manual review.',
      ],
    });
    expect(historyOf(decision, 'A1').reasons[0]).toContain('place 2 in the fifo queue');
    expect(historyOf(decision, 'C1').policy?.sources.autoAllocate).toBe('tenant');
    expect(decision.events).toEqual([]);
    expect(decision.steps).toEqual([]);
  });

  it('does not touch an order already marked, but still keeps its stock for it', () => {
    const [b1, a1, c1, d1] = QUEUE() as [SaleOrder, SaleOrder, SaleOrder, SaleOrder];
    const state = snapshot([stock('A', 1)], [b1, a1, { ...c1, fillable: true }, d1]);
    const { decision } = decide(decideReceipt, ctx(manual), state, receipt('A', 3));
    expect(decision.orders.map(({ after }) => after.orderId)).toEqual(['A1']);
  });

  it('an order whose own override allocates automatically is served while the others wait for review', () => {
    const [b1, a1, c1, d1] = QUEUE() as [SaleOrder, SaleOrder, SaleOrder, SaleOrder];
    const state = snapshot([], [b1, { ...a1, policyOverride: { autoAllocate: true } }, c1, d1]);
    const { decision } = decide(decideReceipt, ctx(manual), state, receipt('A', 4));
    expect(decision.orders.map(({ after }) => [after.orderId, after.status, after.fillable])).toEqual([
      ['C1', 'AwaitingStock', true],
      ['A1', 'ReadyToPick', false],
    ]);
    expect(historyOf(decision, 'A1').policy?.sources.autoAllocate).toBe('order');
  });
});

describe('serving waiting orders: orders that hold nothing until they can complete', () => {
  it.each([
    ['reserveWhileWaiting false', { tenant: { reserveWhileWaiting: false } }],
    ['holdAll', { tenant: { onShortage: 'holdAll' } }],
  ] as Array<[string, PolicyConfig]>)('%s: only orders that become complete are served', (_, policies) => {
    const orders = [
      waiting('first', 4, { createdAt: '2026-11-28T07:00:00.000Z' }),
      waiting('second', 2, { createdAt: '2026-11-28T08:00:00.000Z' }),
      waiting('third', 2, { createdAt: '2026-11-28T09:00:00.000Z' }),
    ];
    const { decision, next } = decide(decideReceipt, ctx(policies), snapshot([], orders), receipt('A', 3));
    expect(decision.orders.map(({ after }) => [after.orderId, after.status])).toEqual([
      ['second', 'ReadyToPick'],
    ]);
    expect(levels(next)).toEqual({ A: [3, 2] });
    expect(historyOf(decision, 'second').reasons).toEqual([
      'Fully allocated from receipt R-1 (place 2 in the fifo queue for A).',
    ]);
    expect(decision.steps.map((step) => step.reason)).toEqual([
      'Allocated in full from receipt R-1 (place 2 in the fifo queue for A).',
    ]);
  });

  it('an order short of two SKUs takes the other SKU too when the receipt completes it', () => {
    const both = order('both', 'AwaitingStock', [
      ['A', 2, 0],
      ['B', 2, 0],
    ]);
    const policies: PolicyConfig = { tenant: { reserveWhileWaiting: false } };
    const { decision, next } = decide(
      decideReceipt,
      ctx(policies),
      snapshot([stock('B', 2)], [both]),
      receipt('A', 2),
    );
    expect(orderAfter(decision, 'both').status).toBe('ReadyToPick');
    expect(levels(next)).toEqual({ A: [2, 2], B: [2, 2] });
  });

  it('stays as it is when the other SKU is still missing', () => {
    const both = order('both', 'AwaitingStock', [
      ['A', 2, 0],
      ['B', 2, 0],
    ]);
    const policies: PolicyConfig = { tenant: { reserveWhileWaiting: false } };
    const { decision } = decide(
      decideReceipt,
      ctx(policies),
      snapshot([stock('B', 1)], [both]),
      receipt('A', 2),
    );
    expect(decision.orders).toEqual([]);
  });
});

describe('serving waiting orders: only the SKUs whose stock changed', () => {
  it('touches no order waiting only for other SKUs, and gives a two-SKU order only what arrived', () => {
    const orders = [
      waiting('onlyB', 2, {}, 'B'),
      order('both', 'AwaitingStock', [
        ['A', 2, 0],
        ['B', 2, 0],
      ]),
      waiting('north', 2, { warehouseId: 'north' }),
    ];
    const { decision, next } = decide(
      decideReceipt,
      ctx(),
      snapshot([stock('B', 5)], orders),
      receipt('A', 5),
    );
    expect(decision.orders.map(({ after }) => after.orderId)).toEqual(['both']);
    expect(linesOf(orderAfter(decision, 'both'))).toEqual([
      ['A', 2, 2],
      ['B', 2, 0],
    ]);
    expect(levels(next)).toEqual({ A: [5, 2], B: [5, 0] });
  });

  it.each([
    ['OnHold', order('held', 'OnHold', [['A', 2, 0]])],
    ['Cancelled', order('held', 'Cancelled', [['A', 2, 0]])],
    ['Rejected', order('held', 'Rejected', [['A', 2, 0]])],
    ['Dispatched', order('held', 'Dispatched', [['A', 2, 0]])],
  ])('an order that is %s never receives stock automatically', (_, held) => {
    const { decision } = decide(decideReceipt, ctx(), snapshot([], [held]), receipt('A', 5));
    expect(decision.orders).toEqual([]);
    expect(decision.stock.map(({ after }) => after.allocated)).toEqual([0]);
  });
});

describe('serving waiting orders: a split-policy backorder partly served', () => {
  const parent = () => order('P', 'ReadyToPick', [['A', 2, 2]], { backorderIds: ['P-BO1'] });
  const backorder = () => order('P-BO1', 'AwaitingStock', [['A', 5, 0]], { parentId: 'P' });
  const state = () => snapshot([stock('A', 2, 2)], [parent(), backorder()]);
  const originals = new Map([['P', new Map([['1', 7]])]]);

  it('splits again: what it now holds ships, the rest moves to a new backorder', () => {
    // With mergeSiblings (the default) what it holds would join P instead: merge-siblings.test.ts.
    const { decision, next } = decide(
      decideReceipt,
      ctx({ tenant: { onShortage: 'split', mergeSiblings: false } }),
      state(),
      receipt('A', 2),
    );
    const bo = orderAfter(decision, 'P-BO1');
    expect(bo).toMatchObject({ status: 'ReadyToPick', parentId: 'P', backorderIds: ['P-BO2'] });
    expect(linesOf(bo)).toEqual([['A', 2, 2]]);
    expect(orderAfter(decision, 'P-BO2')).toMatchObject({ status: 'AwaitingStock', parentId: 'P-BO1' });
    expect(linesOf(orderAfter(decision, 'P-BO2'))).toEqual([['A', 3, 0]]);
    expect(historyOf(decision, 'P-BO1').actions).toEqual(['allocated', 'split']);
    expect(historyOf(decision, 'P-BO1').reasons).toEqual([
      'Partly allocated from receipt R-1 (place 1 in the fifo queue for A).',
      'Split: 2 of 5 units ship now, the rest waits on a backorder. Backorder P-BO2 takes the missing units.',
    ]);
    expect(eventList(decision)).toEqual([
      'Order Split P-BO1',
      'Backorder Fulfilled P-BO1',
      'Allocation Changed P-BO1',
    ]);
    expect(eventsOfType(decision, 'Backorder Fulfilled')[0]?.parentId).toBe('P');
    expect(findInvariantViolations(next.stock, next.orders, originals)).toEqual([]);
  });

  it.each([
    [
      'below the minimum fill',
      { onShortage: 'split', minimumFill: { kind: 'units', value: 3 } },
      [],
      undefined,
    ],
    [
      'while the rest is due within the split delay',
      { onShortage: 'split', splitDelayDays: 3 },
      [inboundSupply('A', 3, '2026-11-30T00:00:00.000Z')],
      '2026-12-01T10:00:00.000Z',
    ],
    ['on a channel that cannot take splits', { onShortage: 'split', splitSupported: false }, [], undefined],
    ['under holdPartial', { onShortage: 'holdPartial' }, [], undefined],
  ] as Array<[string, PolicyConfig['tenant'], ReturnType<typeof inboundSupply>[], string | undefined]>)(
    'does not split %s: it holds what it got and waits',
    (_, tenant, inbound, splitDueAt) => {
      const start = { ...state(), inbound };
      const { decision, next } = decide(decideReceipt, ctx({ tenant }), start, receipt('A', 2));
      const bo = orderAfter(decision, 'P-BO1');
      expect(bo.status).toBe('AwaitingStock');
      expect(bo.backorderIds).toEqual([]);
      expect(bo.splitDueAt).toBe(splitDueAt);
      expect(linesOf(bo)).toEqual([['A', 5, 2]]);
      expect(eventList(decision)).toEqual(['Allocation Changed P-BO1']);
      expect(findInvariantViolations(next.stock, next.orders, originals)).toEqual([]);
    },
  );
});

describe('serving waiting orders: the split delay counts the queue ahead (DESIGN §15)', () => {
  const delay = ctx({ tenant: { onShortage: 'split', splitDelayDays: 3 } });
  const parent = () => order('P', 'ReadyToPick', [['A', 2, 2]], { backorderIds: ['P-BO1'] });
  const backorder = () => order('P-BO1', 'AwaitingStock', [['A', 5, 0]], { parentId: 'P' });
  // Ahead in the queue, and taking stock only when all of it can be allocated: the receipt skips it.
  const ahead = () =>
    order('Q', 'AwaitingStock', [['A', 10, 0]], {
      createdAt: '2026-11-28T08:00:00.000Z',
      policyOverride: { reserveWhileWaiting: false },
    });
  const dueSoon = [inboundSupply('A', 3, '2026-11-30T00:00:00.000Z')];

  it('splits when the supply due within the delay is promised to an order ahead', () => {
    const start = { ...snapshot([stock('A', 2, 2)], [ahead(), parent(), backorder()]), inbound: dueSoon };
    const { decision } = decide(decideReceipt, delay, start, receipt('A', 2));
    expect(decision.orders.map(({ after }) => after.orderId)).not.toContain('Q');
    const bo = orderAfter(decision, 'P-BO1');
    expect(bo.splitDueAt).toBeUndefined();
    expect(bo.backorderIds).toHaveLength(1);
  });

  it('waits when nothing ahead takes that supply', () => {
    const start = { ...snapshot([stock('A', 2, 2)], [parent(), backorder()]), inbound: dueSoon };
    const { decision } = decide(decideReceipt, delay, start, receipt('A', 2));
    expect(orderAfter(decision, 'P-BO1')).toMatchObject({
      splitDueAt: '2026-12-01T10:00:00.000Z',
      backorderIds: [],
    });
  });

  it('counts only what an inbound line still has to come', () => {
    const received = [{ ...inboundSupply('A', 3, '2026-11-30T00:00:00.000Z'), received: 3 }];
    const start = { ...snapshot([stock('A', 2, 2)], [parent(), backorder()]), inbound: received };
    const { decision } = decide(decideReceipt, delay, start, receipt('A', 2));
    expect(orderAfter(decision, 'P-BO1').backorderIds).toHaveLength(1);
  });
});

describe('serving waiting orders: everything that frees or adds stock serves the queue', () => {
  const w = () => waiting('W', 2, { createdAt: '2026-11-28T08:30:00.000Z' });
  const holder = (status: SaleOrder['status'], held = 2) =>
    order('H', status, [['A', held, held]], { createdAt: '2026-11-28T08:00:00.000Z' });
  const person = (policies: PolicyConfig = {}): DecisionContext =>
    context({ actor: { kind: 'person', id: 'ops-1' }, eventId: 'evt-serve' }, policies);

  it.each([
    ['a receipt', decideReceipt, holder('ReadyToPick'), receipt('A', 2), 'receipt R-1'],
    [
      'an upward adjustment',
      decideAdjustment,
      holder('ReadyToPick'),
      { adjustmentId: 'ADJ-1', warehouseId: 'main', lines: [{ sku: 'A', delta: 2 }] },
      'adjustment ADJ-1',
    ],
    [
      'a cancellation by a person',
      decideManualCancel,
      holder('ReadyToPick'),
      { orderId: 'H', reason: 'fraud' },
      'cancellation of H',
    ],
    [
      'a cancellation by the channel',
      decideChannelCancellation,
      holder('ReadyToPick'),
      { orderId: 'H' },
      'cancellation of H',
    ],
    [
      'a release',
      decideRelease,
      holder('ReadyToPick'),
      { orderId: 'H', reason: 'wrong stock' },
      'release of H',
    ],
    [
      'a dispatch of less than was allocated',
      decideDispatch,
      holder('InFulfilment'),
      { orderId: 'H', lines: [{ lineId: '1', quantity: 0 }] },
      'short dispatch of H',
    ],
    [
      'a channel update that needs fewer units',
      decideOrderUpdate,
      holder('ReadyToPick', 4),
      { orderId: 'H', lines: [{ lineId: '1', sku: 'A', quantity: 2 }] },
      'update of H',
    ],
  ] as Array<
    [string, (c: DecisionContext, s: StateSnapshot, i: never) => Decision, SaleOrder, unknown, string]
  >)('%s', (_, fn, h, input, trigger) => {
    const held = h.lines[0]?.allocated ?? 0;
    const state = snapshot([stock('A', held, held)], [h, w()]);
    const { decision } = decide(fn, person(), state, input as never);
    const after = orderAfter(decision, 'W');
    expect(after.status).toBe('ReadyToPick');
    expect(linesOf(after)).toEqual([['A', 2, 2]]);
    expect(historyOf(decision, 'W').reasons).toEqual([
      `Fully allocated from ${trigger} (place 1 in the fifo queue for A).`,
    ]);
    expect(eventList(decision)).toContain('Backorder Fulfilled W');
  });

  it('an unheld order rejoins its queue in its place and is offered free stock', () => {
    const held = order('held', 'OnHold', [['A', 2, 0]], { createdAt: '2026-11-28T07:00:00.000Z' });
    const state = snapshot([stock('A', 3)], [held, w()]);
    const { decision, next } = decide(decideUnhold, person(), state, { orderId: 'held', reason: 'paid' });
    expect(orderAfter(decision, 'held').status).toBe('ReadyToPick');
    expect(linesOf(orderAfter(decision, 'W'))).toEqual([['A', 2, 1]]);
    expect(levels(next)).toEqual({ A: [3, 3] });
    expect(historyOf(decision, 'held').reasons).toEqual([
      'Unheld by person ops-1: paid',
      'Fully allocated from unhold of held (place 1 in the fifo queue for A).',
    ]);
  });
});

import type { DecisionContext } from '../../../shared/allocation/decision.js';
import {
  decideAdjustment,
  decideReceipt,
  type StockAdjustment,
  type StockReceipt,
} from '../../../shared/allocation/stock-movements.js';
import { InvalidInputError, StockConflictError } from '../../../shared/domain/errors.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import {
  decide,
  eventList,
  eventsOfType,
  expectRefusal,
  historyOf,
  levels,
  linesOf,
  orderAfter,
} from '../../support/engine-checks.js';
import { context, order, snapshot, stock } from '../../support/engine-fixtures.js';

const WAREHOUSE_ACTOR = { kind: 'warehouse', id: 'wms' } as const;
const ctx = (policies: PolicyConfig = {}): DecisionContext =>
  context({ actor: WAREHOUSE_ACTOR, eventId: 'evt-stock' }, policies);
const adjust = (lines: StockAdjustment['lines'], reason = 'cycle count'): StockAdjustment => ({
  adjustmentId: 'ADJ-1',
  warehouseId: 'main',
  lines,
  reason,
});
const receive = (lines: StockReceipt['lines'], warehouseId = 'main'): StockReceipt => ({
  receiptId: 'R-1',
  warehouseId,
  lines,
});

describe('decideReceipt', () => {
  it.each([
    ['to an existing level', [stock('A', 3, 1)], { A: [8, 1] }],
    ['to a SKU never seen before', [], { A: [5, 0] }],
  ] as const)('adds on-hand stock %s, touching no order when none waits', (_, before, after) => {
    const holder = order('H', 'ReadyToPick', [['A', 1, 1]]);
    const orders = before.length > 0 ? [holder] : [];
    const { decision, next } = decide(
      decideReceipt,
      ctx(),
      snapshot([...before], orders),
      receive([{ sku: 'A', quantity: 5 }]),
    );
    expect(levels(next)).toEqual(after);
    expect(decision.orders).toEqual([]);
    expect(decision.history).toEqual([]);
    expect(decision.events).toEqual([]);
    expect(decision.stock).toEqual([
      {
        before: expect.objectContaining({ onHand: after.A[0] - 5 }),
        after: expect.objectContaining({ onHand: after.A[0] }),
      },
    ]);
  });

  it('receives several SKUs at once and serves the waiting orders of each', () => {
    const orders = [order('WA', 'AwaitingStock', [['A', 2, 0]]), order('WB', 'AwaitingStock', [['B', 1, 0]])];
    const input = receive([
      { sku: 'A', quantity: 1 },
      { sku: 'B', quantity: 4 },
    ]);
    const { decision, next } = decide(decideReceipt, ctx(), snapshot([], orders), input);
    expect(levels(next)).toEqual({ A: [1, 1], B: [4, 1] });
    expect(linesOf(orderAfter(decision, 'WA'))).toEqual([['A', 2, 1]]);
    expect(orderAfter(decision, 'WB').status).toBe('ReadyToPick');
    expect(eventList(decision)).toEqual([
      'Allocation Changed WA',
      'Backorder Fulfilled WB',
      'Allocation Changed WB',
    ]);
  });

  it('a receipt into another warehouse serves only that warehouse’s orders', () => {
    const orders = [
      order('main-1', 'AwaitingStock', [['A', 1, 0]]),
      order('north-1', 'AwaitingStock', [['A', 1, 0]], { warehouseId: 'north' }),
    ];
    const { decision, next } = decide(
      decideReceipt,
      ctx(),
      snapshot([], orders),
      receive([{ sku: 'A', quantity: 1 }], 'north'),
    );
    expect(decision.orders.map(({ after }) => after.orderId)).toEqual(['north-1']);
    expect(levels(next)).toEqual({ 'north#A': [1, 1] });
  });

  it.each([
    ['no lines', receive([]), ''],
    ['an empty SKU', receive([{ sku: '', quantity: 1 }]), '0.sku'],
    ['a blank SKU', receive([{ sku: '  ', quantity: 1 }]), '0.sku'],
    ['a zero quantity', receive([{ sku: 'A', quantity: 0 }]), '0.quantity'],
    ['a negative quantity', receive([{ sku: 'A', quantity: -1 }]), '0.quantity'],
    ['a fractional quantity', receive([{ sku: 'A', quantity: 0.5 }]), '0.quantity'],
    [
      'the same SKU twice',
      receive([
        { sku: 'A', quantity: 1 },
        { sku: 'A', quantity: 2 },
      ]),
      '1',
    ],
    ['an empty warehouse', receive([{ sku: 'A', quantity: 1 }], ''), ''],
    ['an empty receipt id', { ...receive([{ sku: 'A', quantity: 1 }]), receiptId: '' }, ''],
  ] as Array<[string, StockReceipt, string]>)(
    'refuses %s with INVALID_INPUT, changing nothing',
    (_, input, path) => {
      const waitingOrder = order('W', 'AwaitingStock', [['A', 1, 0]]);
      const error = expectRefusal(decideReceipt, ctx(), snapshot([stock('A', 0)], [waitingOrder]), input, {
        type: InvalidInputError,
        code: 'INVALID_INPUT',
      });
      if (path)
        expect(error.details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    },
  );
});

describe('decideAdjustment: upward and within free stock', () => {
  it('an upward adjustment adds stock and serves the waiting orders of that SKU', () => {
    const w = order('W', 'AwaitingStock', [['A', 3, 1]]);
    const { decision, next } = decide(
      decideAdjustment,
      ctx(),
      snapshot([stock('A', 1, 1)], [w]),
      adjust([{ sku: 'A', delta: 2 }]),
    );
    expect(levels(next)).toEqual({ A: [3, 3] });
    expect(orderAfter(decision, 'W').status).toBe('ReadyToPick');
    expect(historyOf(decision, 'W').reasons).toEqual([
      'Fully allocated from adjustment ADJ-1 (cycle count) (place 1 in the fifo queue for A).',
    ]);
  });

  it('a downward adjustment that leaves enough for every allocation touches no order', () => {
    const holder = order('H', 'ReadyToPick', [['A', 2, 2]]);
    const { decision, next } = decide(
      decideAdjustment,
      ctx(),
      snapshot([stock('A', 5, 2)], [holder]),
      adjust([{ sku: 'A', delta: -3 }]),
    );
    expect(levels(next)).toEqual({ A: [2, 2] });
    expect(decision.orders).toEqual([]);
    expect(decision.events).toEqual([]);
  });

  it('a downward adjustment never serves waiting orders, an upward one in the same movement does', () => {
    const orders = [order('WA', 'AwaitingStock', [['A', 1, 0]]), order('WB', 'AwaitingStock', [['B', 1, 0]])];
    const input = adjust([
      { sku: 'A', delta: -1 },
      { sku: 'B', delta: 1 },
    ]);
    const { decision, next } = decide(decideAdjustment, ctx(), snapshot([stock('A', 2)], orders), input);
    expect(levels(next)).toEqual({ A: [1, 0], B: [1, 1] });
    expect(decision.orders.map(({ after }) => after.orderId)).toEqual(['WB']);
  });
});

describe('decideAdjustment: taking stock back (DESIGN §4 rule 5)', () => {
  /** Three orders each holding 2 × A, plus one picking and one on hold, which are never touched. */
  const holders = (): SaleOrder[] => [
    order('R1', 'ReadyToPick', [['A', 2, 2]], {
      createdAt: '2026-11-28T07:00:00.000Z',
      priority: 1,
      shipBy: '2026-12-10T00:00:00.000Z',
    }),
    order('R2', 'ReadyToPick', [['A', 2, 2]], { createdAt: '2026-11-28T08:00:00.000Z', priority: 9 }),
    order(
      'R3',
      'AwaitingStock',
      [
        ['A', 2, 2],
        ['B', 1, 0],
      ],
      { createdAt: '2026-11-28T09:00:00.000Z', priority: 5, shipBy: '2026-12-01T00:00:00.000Z' },
    ),
    order('picking', 'InFulfilment', [['A', 1, 1]], { createdAt: '2026-11-28T10:00:00.000Z', priority: -5 }),
    order('held', 'OnHold', [['A', 1, 1]], { createdAt: '2026-11-28T11:00:00.000Z', priority: -9 }),
  ];
  const start = () => snapshot([stock('A', 8, 8)], holders());

  it.each([
    [
      'fifo: the newest first',
      'fifo',
      [
        ['R3', ['A', 2, 0]],
        ['R2', ['A', 2, 1]],
      ],
    ],
    [
      'priorityThenFifo: the lowest priority first',
      'priorityThenFifo',
      [
        ['R1', ['A', 2, 0]],
        ['R3', ['A', 2, 1]],
      ],
    ],
    [
      'shipBy: no ship-by date first, then the latest',
      'shipBy',
      [
        ['R2', ['A', 2, 0]],
        ['R1', ['A', 2, 1]],
      ],
    ],
  ] as Array<[string, 'fifo', Array<[string, [string, number, number]]>]>)('%s', (_, priority, taken) => {
    const { decision, next } = decide(
      decideAdjustment,
      ctx({ tenant: { priority } }),
      start(),
      adjust([{ sku: 'A', delta: -3 }]),
    );
    expect(levels(next)).toEqual({ A: [5, 5] });
    expect(decision.orders.map(({ after }) => after.orderId)).toEqual(taken.map(([id]) => id));
    for (const [id, line] of taken) {
      const after = orderAfter(decision, id);
      expect(after.status).toBe('AwaitingStock');
      expect(
        after.lines[0] && [after.lines[0].sku, after.lines[0].quantity, after.lines[0].allocated],
      ).toEqual(line);
      const entry = historyOf(decision, id);
      expect(entry.actions).toEqual(['allocationTakenBack']);
      expect(entry.reasons).toEqual(['Stock taken back by adjustment ADJ-1 (cycle count); waiting again.']);
      expect(entry.policy?.values.priority).toBe(priority);
      expect(entry.actor).toEqual(WAREHOUSE_ACTOR);
    }
    const changes = eventsOfType(decision, 'Allocation Changed');
    expect(changes.map((detail) => [detail.orderId, detail.changes])).toEqual(
      taken.map(([id, [, , after]]) => [id, [{ lineId: '1', sku: 'A', before: 2, after }]]),
    );
    // Orders that were ready announce that they wait again; one already waiting does not.
    const readyBefore = taken.filter(([id]) => id !== 'R3').map(([id]) => `Order Awaiting Stock ${id}`);
    expect(eventList(decision).filter((event) => event.startsWith('Order Awaiting'))).toEqual(readyBefore);
    expect(
      decision.steps.every(
        (step) =>
          step.reason === 'Taken back by adjustment ADJ-1 (cycle count): on hand fell below allocated.',
      ),
    ).toBe(true);
  });

  it('an order that may not hold part of its needs gives everything back, and that stock serves others', () => {
    const policies: PolicyConfig = { tenant: { reserveWhileWaiting: false } };
    const orders = [
      order('first', 'AwaitingStock', [['A', 1, 0]], { createdAt: '2026-11-28T07:00:00.000Z' }),
      order(
        'R',
        'ReadyToPick',
        [
          ['A', 2, 2],
          ['B', 1, 1],
        ],
        { createdAt: '2026-11-28T08:00:00.000Z' },
      ),
      order('WB', 'AwaitingStock', [['B', 1, 0]], { createdAt: '2026-11-28T09:00:00.000Z' }),
    ];
    const { decision, next } = decide(
      decideAdjustment,
      ctx(policies),
      snapshot([stock('A', 2, 2), stock('B', 1, 1)], orders),
      adjust([{ sku: 'A', delta: -1 }]),
    );
    expect(linesOf(orderAfter(decision, 'R'))).toEqual([
      ['A', 2, 0],
      ['B', 1, 0],
    ]);
    expect(historyOf(decision, 'R').reasons).toEqual([
      'Stock taken back by adjustment ADJ-1 (cycle count); waiting again.',
    ]);
    expect(
      decision.steps
        .filter((step) => step.orderId === 'R')
        .map((step) => [step.sku, step.quantity, step.reason]),
    ).toEqual([
      ['A', -1, 'Taken back by adjustment ADJ-1 (cycle count): on hand fell below allocated.'],
      ['A', -1, 'Released: this order holds nothing until it can be completed.'],
      ['B', -1, 'Released: this order holds nothing until it can be completed.'],
    ]);
    // The freed B goes to the order waiting for it, the freed A to the order waiting for A.
    expect(orderAfter(decision, 'WB').status).toBe('ReadyToPick');
    expect(orderAfter(decision, 'first').status).toBe('ReadyToPick');
    expect(levels(next)).toEqual({ A: [1, 1], B: [1, 1] });
  });

  it('takes from an order waiting with part of its stock, which stays waiting', () => {
    const w = order('W', 'AwaitingStock', [['A', 5, 3]]);
    const { decision, next } = decide(
      decideAdjustment,
      ctx(),
      snapshot([stock('A', 3, 3)], [w]),
      adjust([{ sku: 'A', delta: -2 }]),
    );
    expect(linesOf(orderAfter(decision, 'W'))).toEqual([['A', 5, 1]]);
    expect(levels(next)).toEqual({ A: [1, 1] });
    expect(eventList(decision)).toEqual(['Allocation Changed W']);
  });

  it.each([
    ['below zero on hand', [stock('A', 2)], [], -3, { warehouseId: 'main', sku: 'A', onHand: 2, delta: -3 }],
    [
      'below what orders in fulfilment and on hold hold',
      [stock('A', 4, 4)],
      [order('picking', 'InFulfilment', [['A', 2, 2]]), order('held', 'OnHold', [['A', 2, 2]])],
      -1,
      { warehouseId: 'main', sku: 'A', shortBy: 1 },
    ],
    [
      'below the locked part, even though some could be taken back',
      [stock('A', 4, 4)],
      [order('ready', 'ReadyToPick', [['A', 1, 1]]), order('picking', 'InFulfilment', [['A', 3, 3]])],
      -2,
      { warehouseId: 'main', sku: 'A', shortBy: 1 },
    ],
  ] as const)(
    'refuses an adjustment %s with STOCK_CONFLICT, changing nothing',
    (_, levelsBefore, orders, delta, details) => {
      expectRefusal(
        decideAdjustment,
        ctx(),
        snapshot([...levelsBefore], [...orders]),
        adjust([{ sku: 'A', delta }]),
        {
          type: StockConflictError,
          code: 'STOCK_CONFLICT',
          details,
        },
      );
    },
  );

  it.each([
    ['no lines', adjust([])],
    ['a zero delta', adjust([{ sku: 'A', delta: 0 }])],
    ['a fractional delta', adjust([{ sku: 'A', delta: -0.5 }])],
    ['an empty SKU', adjust([{ sku: '', delta: 1 }])],
    [
      'the same SKU twice',
      adjust([
        { sku: 'A', delta: 1 },
        { sku: 'A', delta: -1 },
      ]),
    ],
    ['an empty warehouse', { ...adjust([{ sku: 'A', delta: 1 }]), warehouseId: ' ' }],
    ['an empty adjustment id', { ...adjust([{ sku: 'A', delta: 1 }]), adjustmentId: '' }],
  ] as Array<[string, StockAdjustment]>)('refuses %s with INVALID_INPUT, changing nothing', (_, input) => {
    expectRefusal(decideAdjustment, ctx(), snapshot([stock('A', 5)]), input, {
      type: InvalidInputError,
      code: 'INVALID_INPUT',
    });
  });
});

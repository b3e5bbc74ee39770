import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { StockLevel } from '../../../shared/domain/stock.js';
import { deepFreeze } from '../../support/engine-checks.js';
import { order, stock } from '../../support/engine-fixtures.js';

type Originals = ReadonlyMap<string, ReadonlyMap<string, number>>;
const originals = (rootId: string, lines: Record<string, number>): Originals =>
  new Map([[rootId, new Map(Object.entries(lines))]]);

/** A state that keeps every invariant: a split family, a dropped line, a gift card, two warehouses. */
const clean = (): { stock: StockLevel[]; orders: SaleOrder[]; originals: Originals } => ({
  stock: [stock('A', 5, 3), stock('B', 2, 1), stock('A', 1, 1, 'north')],
  orders: [
    order(
      'P',
      'ReadyToPick',
      [
        ['A', 2, 2],
        [null, 1, 0],
      ],
      { backorderIds: ['P-BO1'] },
    ),
    order('P-BO1', 'AwaitingStock', [['A', 3, 1]], { parentId: 'P' }),
    order('D', 'ReadyToPick', [['B', 1, 1]], {
      lines: [
        { lineId: '1', sku: 'B', quantity: 1, allocated: 1 },
        { lineId: '2', sku: 'A', quantity: 0, allocated: 0, dropped: 2 },
      ],
    }),
    order('N', 'InFulfilment', [['A', 1, 1]], { warehouseId: 'north' }),
    order('H', 'OnHold', [['A', 1, 0]]),
    order('S', 'Dispatched', [['A', 1, 0]]),
    order('C', 'Cancelled', [['A', 1, 0]]),
    order('J', 'Rejected', [['A', 1, 0]]),
  ],
  originals: new Map([
    [
      'P',
      new Map([
        ['1', 5],
        ['2', 1],
      ]),
    ],
    [
      'D',
      new Map([
        ['1', 1],
        ['2', 2],
      ]),
    ],
  ]),
});

describe('findInvariantViolations', () => {
  it('finds nothing wrong in a state that keeps every invariant', () => {
    const state = deepFreeze(clean());
    expect(findInvariantViolations(state.stock, state.orders, state.originals)).toEqual([]);
  });

  it.each([
    [
      'a line allocated more than it ordered',
      [stock('A', 5, 3)],
      [order('X', 'ReadyToPick', [['A', 2, 3]])],
      undefined,
      ['X line 1: allocated 3 of 2'],
    ],
    [
      'a line with a negative allocation',
      [stock('A', 5, 0)],
      [order('X', 'AwaitingStock', [['A', 2, 0]]), order('Y', 'AwaitingStock', [['A', 2, -1]])],
      undefined,
      ['Y line 1: allocated -1 of 2', 't1#main#A: allocated 0, lines hold -1'],
    ],
    [
      'a line without a SKU that holds stock',
      [],
      [order('X', 'ReadyToPick', [[null, 1, 1]])],
      undefined,
      ['X line 1 has no SKU but holds stock'],
    ],
    [
      'more allocated than on hand',
      [stock('A', 1, 2)],
      [order('X', 'ReadyToPick', [['A', 2, 2]])],
      undefined,
      ['t1#main#A: allocated 2 with 1 on hand'],
    ],
    [
      'a negative allocation on a stock level',
      [stock('A', 1, -1)],
      [],
      undefined,
      ['t1#main#A: allocated -1 with 1 on hand', 't1#main#A: allocated -1, lines hold 0'],
    ],
    [
      'a stock level whose allocation differs from its lines',
      [stock('A', 5, 3)],
      [order('X', 'ReadyToPick', [['A', 2, 2]])],
      undefined,
      ['t1#main#A: allocated 3, lines hold 2'],
    ],
    [
      'lines holding stock with no stock level',
      [],
      [order('X', 'ReadyToPick', [['A', 2, 2]])],
      undefined,
      ['t1#main#A: lines hold 2 but there is no stock level'],
    ],
    [
      'stock held in one warehouse counted against another',
      [stock('A', 5, 2), stock('A', 5, 0, 'north')],
      [order('X', 'ReadyToPick', [['A', 2, 2]], { warehouseId: 'north' })],
      undefined,
      ['t1#main#A: allocated 2, lines hold 0', 't1#north#A: allocated 0, lines hold 2'],
    ],
    [
      'an order waiting with every line allocated',
      [stock('A', 2, 2)],
      [order('X', 'AwaitingStock', [['A', 2, 2]])],
      undefined,
      ['X is AwaitingStock but its lines disagree'],
    ],
    [
      'an order ready to pick with a short line',
      [stock('A', 2, 1)],
      [order('X', 'ReadyToPick', [['A', 2, 1]])],
      undefined,
      ['X is ReadyToPick but its lines disagree'],
    ],
    [
      'an order picking while short',
      [stock('A', 2, 1)],
      [order('X', 'InFulfilment', [['A', 2, 1]])],
      undefined,
      ['X is picking while short'],
    ],
    ...(['Dispatched', 'Cancelled', 'Rejected'] as const).map(
      (status) =>
        [
          `an order ${status} that still holds stock`,
          [stock('A', 2, 1)],
          [order('X', status, [['A', 2, 1]])],
          undefined,
          [`X is ${status} but still holds stock`],
        ] as const,
    ),
    [
      'a split family whose quantities do not add up',
      [stock('A', 2, 2)],
      [
        order('P', 'ReadyToPick', [['A', 2, 2]], { backorderIds: ['P-BO1'] }),
        order('P-BO1', 'AwaitingStock', [['A', 2, 0]], { parentId: 'P' }),
      ],
      originals('P', { '1': 5 }),
      ['family P line 1: 4 units across the family, 5 ordered'],
    ],
    [
      'a family line missing altogether',
      [],
      [order('P', 'AwaitingStock', [['A', 2, 0]])],
      originals('P', { '1': 2, '2': 1 }),
      ['family P line 2: 0 units across the family, 1 ordered'],
    ],
    [
      'a backorder whose parent is missing',
      [],
      [order('P-BO1', 'AwaitingStock', [['A', 3, 0]], { parentId: 'P' })],
      originals('P', { '1': 3 }),
      ['family P line 1: 0 units across the family, 3 ordered'],
    ],
    [
      'orders whose parents form a loop',
      [],
      [
        order('P', 'AwaitingStock', [['A', 3, 0]], { parentId: 'Q' }),
        order('Q', 'AwaitingStock', [['A', 3, 0]], { parentId: 'P' }),
      ],
      originals('R', { '1': 3 }),
      ['family R line 1: 0 units across the family, 3 ordered'],
    ],
  ] as Array<[string, StockLevel[], SaleOrder[], Originals | undefined, readonly string[]]>)(
    'detects %s',
    (_, levels, orders, families, problems) => {
      expect(findInvariantViolations(deepFreeze(levels), deepFreeze(orders), families)).toEqual(problems);
    },
  );

  it('keeps tenants apart: the same SKU in another tenant is a different stock level', () => {
    const other = { ...stock('A', 2, 2), tenantId: 't2' };
    const problems = findInvariantViolations(
      [stock('A', 2, 0), other],
      [order('X', 'ReadyToPick', [['A', 2, 2]])],
    );
    expect(problems).toEqual([
      't1#main#A: allocated 0, lines hold 2',
      't2#main#A: allocated 2, lines hold 0',
    ]);
  });

  it('every problem in one state is reported, not just the first', () => {
    const state = clean();
    const broken = state.orders.map((o) =>
      o.orderId === 'P' ? { ...o, status: 'AwaitingStock' as const } : o,
    );
    const levels = state.stock.map((level) => (level.sku === 'B' ? { ...level, onHand: 0 } : level));
    expect(findInvariantViolations(levels, broken, state.originals)).toEqual([
      'P is AwaitingStock but its lines disagree',
      't1#main#B: allocated 1 with 0 on hand',
    ]);
  });
});

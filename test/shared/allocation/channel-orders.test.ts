import {
  decideChannelCancellation,
  decideOrderUpdate,
  type OrderUpdate,
} from '../../../shared/allocation/channel-orders.js';
import type { DecisionContext } from '../../../shared/allocation/decision.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import { InvalidInputError, OrderNotFoundError } from '../../../shared/domain/errors.js';
import type { OrderStatus, SaleOrder } from '../../../shared/domain/order.js';
import type { StockLevel } from '../../../shared/domain/stock.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import {
  decide,
  eventList,
  eventsOfType,
  expectNoChange,
  expectRefusal,
  historyOf,
  levels,
  linesOf,
  orderAfter,
} from '../../support/engine-checks.js';
import { context, order, snapshot, stock } from '../../support/engine-fixtures.js';

const CHANNEL = { kind: 'channel', id: 'shopify' } as const;
const ctx = (policies: PolicyConfig = {}): DecisionContext =>
  context({ actor: CHANNEL, eventId: 'evt-channel' }, policies);

type Lines = Array<[string | null, number, number]>;
type Wanted = OrderUpdate['lines'];

/** Ready order R: 2 × A and 1 × B, all allocated. */
const ready = (extra: Partial<SaleOrder> = {}) =>
  order(
    'R',
    'ReadyToPick',
    [
      ['A', 2, 2],
      ['B', 1, 1],
    ],
    extra,
  );
const line = (lineId: string, sku: string | null, quantity: number) => ({ lineId, sku, quantity });

describe('decideOrderUpdate', () => {
  it.each([
    [
      'a quantity raised, with stock free',
      [line('1', 'A', 4), line('2', 'B', 1)],
      [stock('A', 5, 2), stock('B', 1, 1)],
      'ReadyToPick',
      [
        ['A', 4, 4],
        ['B', 1, 1],
      ],
      { A: [5, 4], B: [1, 1] },
      [{ lineId: '1', sku: 'A', before: 2, after: 4 }],
    ],
    [
      'a quantity raised beyond the stock (holdPartial keeps what it can)',
      [line('1', 'A', 6), line('2', 'B', 1)],
      [stock('A', 5, 2), stock('B', 1, 1)],
      'AwaitingStock',
      [
        ['A', 6, 5],
        ['B', 1, 1],
      ],
      { A: [5, 5], B: [1, 1] },
      [{ lineId: '1', sku: 'A', before: 2, after: 5 }],
    ],
    [
      'a quantity lowered',
      [line('1', 'A', 1), line('2', 'B', 1)],
      [stock('A', 2, 2), stock('B', 1, 1)],
      'ReadyToPick',
      [
        ['A', 1, 1],
        ['B', 1, 1],
      ],
      { A: [2, 1], B: [1, 1] },
      [{ lineId: '1', sku: 'A', before: 2, after: 1 }],
    ],
    [
      'a line removed',
      [line('1', 'A', 2)],
      [stock('A', 2, 2), stock('B', 1, 1)],
      'ReadyToPick',
      [['A', 2, 2]],
      { A: [2, 2], B: [1, 0] },
      [{ lineId: '2', sku: 'B', before: 1, after: 0 }],
    ],
    [
      'a line added, with stock free',
      [line('1', 'A', 2), line('2', 'B', 1), line('3', 'C', 3)],
      [stock('A', 2, 2), stock('B', 1, 1), stock('C', 3)],
      'ReadyToPick',
      [
        ['A', 2, 2],
        ['B', 1, 1],
        ['C', 3, 3],
      ],
      { A: [2, 2], B: [1, 1], C: [3, 3] },
      [{ lineId: '3', sku: 'C', before: 0, after: 3 }],
    ],
    [
      'a line added without stock',
      [line('1', 'A', 2), line('2', 'B', 1), line('3', 'C', 3)],
      [stock('A', 2, 2), stock('B', 1, 1)],
      'AwaitingStock',
      [
        ['A', 2, 2],
        ['B', 1, 1],
        ['C', 3, 0],
      ],
      { A: [2, 2], B: [1, 1] },
      [],
    ],
    [
      'a line without a SKU added',
      [line('1', 'A', 2), line('2', 'B', 1), line('3', null, 1)],
      [stock('A', 2, 2), stock('B', 1, 1)],
      'ReadyToPick',
      [
        ['A', 2, 2],
        ['B', 1, 1],
        [null, 1, 0],
      ],
      { A: [2, 2], B: [1, 1] },
      [],
    ],
    [
      'a line given another SKU',
      [line('1', 'A', 2), line('2', 'C', 1)],
      [stock('A', 2, 2), stock('B', 1, 1), stock('C', 1)],
      'ReadyToPick',
      [
        ['A', 2, 2],
        ['C', 1, 1],
      ],
      { A: [2, 2], B: [1, 0], C: [1, 1] },
      [
        { lineId: '2', sku: 'B', before: 1, after: 0 },
        { lineId: '2', sku: 'C', before: 0, after: 1 },
      ],
    ],
  ] as Array<
    [string, Wanted, StockLevel[], OrderStatus, Lines, Record<string, [number, number]>, unknown[]]
  >)('%s', (_, lines, levelsBefore, status, expectedLines, expectedLevels, changes) => {
    const { decision, next } = decide(decideOrderUpdate, ctx(), snapshot(levelsBefore, [ready()]), {
      orderId: 'R',
      lines,
    });
    const after = orderAfter(decision, 'R');
    expect(after.status).toBe(status);
    expect(linesOf(after)).toEqual(expectedLines);
    expect(levels(next)).toEqual(expectedLevels);
    expect(historyOf(decision, 'R')).toMatchObject({
      actions: ['updated'],
      reasons: ['Updated by shopify.'],
      actor: CHANNEL,
      triggerEventId: 'evt-channel',
      statusBefore: 'ReadyToPick',
    });
    expect(historyOf(decision, 'R').policy?.values.onShortage).toBe('holdPartial');
    const changed = eventsOfType(decision, 'Allocation Changed');
    expect(changed.flatMap((detail) => detail.changes)).toEqual(changes);
    expect(eventList(decision).includes('Order Awaiting Stock R')).toBe(status === 'AwaitingStock');
  });

  it('units no longer needed go to the next waiting order of that SKU, not back to the order', () => {
    const w = order('W', 'AwaitingStock', [['A', 1, 0]], { createdAt: '2026-11-28T09:30:00.000Z' });
    const { decision, next } = decide(
      decideOrderUpdate,
      ctx(),
      snapshot([stock('A', 2, 2), stock('B', 1, 1)], [ready(), w]),
      {
        orderId: 'R',
        lines: [line('1', 'A', 1), line('2', 'B', 1)],
      },
    );
    expect(orderAfter(decision, 'W').status).toBe('ReadyToPick');
    expect(historyOf(decision, 'W').reasons).toEqual([
      'Fully allocated from update of R (place 1 in the fifo queue for A).',
    ]);
    expect(levels(next)).toEqual({ A: [2, 2], B: [1, 1] });
  });

  it('a waiting order whose new lines it already holds becomes ready', () => {
    const w = order('R', 'AwaitingStock', [['A', 4, 2]], {
      fillable: true,
      splitDueAt: '2026-12-01T00:00:00.000Z',
    });
    const { decision } = decide(decideOrderUpdate, ctx(), snapshot([stock('A', 2, 2)], [w]), {
      orderId: 'R',
      lines: [line('1', 'A', 2)],
    });
    const after = orderAfter(decision, 'R');
    expect(after).toMatchObject({ status: 'ReadyToPick', fillable: false });
    expect(after.splitDueAt).toBeUndefined();
    expect(eventList(decision)).toEqual(['Backorder Fulfilled R']);
  });

  it.each([
    ['reserveWhileWaiting false', { tenant: { reserveWhileWaiting: false } }],
    ['holdAll', { tenant: { onShortage: 'holdAll' } }],
  ] as Array<[string, PolicyConfig]>)(
    '%s: an order the update leaves short holds nothing while it waits',
    (_, policies) => {
      const w = order('W', 'AwaitingStock', [['B', 1, 0]], { createdAt: '2026-11-28T09:30:00.000Z' });
      const { decision, next } = decide(
        decideOrderUpdate,
        ctx(policies),
        snapshot([stock('A', 5, 2), stock('B', 1, 1)], [ready(), w]),
        {
          orderId: 'R',
          lines: [line('1', 'A', 6), line('2', 'B', 1)],
        },
      );
      expect(linesOf(orderAfter(decision, 'R'))).toEqual([
        ['A', 6, 0],
        ['B', 1, 0],
      ]);
      expect(orderAfter(decision, 'R').status).toBe('AwaitingStock');
      // What it gave back serves the orders waiting for it.
      expect(orderAfter(decision, 'W').status).toBe('ReadyToPick');
      expect(levels(next)).toEqual({ A: [5, 0], B: [1, 1] });
    },
  );

  it('reserveWhileWaiting false: two short lines of one SKU are complete only if the stock covers both', () => {
    const r = order('R', 'ReadyToPick', [['A', 1, 1]]);
    const { decision, next } = decide(
      decideOrderUpdate,
      ctx({ tenant: { reserveWhileWaiting: false } }),
      snapshot([stock('A', 4, 1)], [r]),
      {
        orderId: 'R',
        lines: [line('1', 'A', 3), line('2', 'A', 3)],
      },
    );
    expect(linesOf(orderAfter(decision, 'R'))).toEqual([
      ['A', 3, 0],
      ['A', 3, 0],
    ]);
    expect(levels(next)).toEqual({ A: [4, 0] });
  });

  it('an order on hold takes its new lines but no stock, and stays on hold', () => {
    const held = ready({ status: 'OnHold' });
    const { decision, next } = decide(
      decideOrderUpdate,
      ctx(),
      snapshot([stock('A', 5, 2), stock('B', 1, 1)], [held]),
      {
        orderId: 'R',
        lines: [line('1', 'A', 4)],
      },
    );
    expect(orderAfter(decision, 'R').status).toBe('OnHold');
    expect(linesOf(orderAfter(decision, 'R'))).toEqual([['A', 4, 2]]);
    expect(levels(next)).toEqual({ A: [5, 2], B: [1, 0] });
  });

  it.each(['InFulfilment', 'Dispatched', 'Cancelled', 'Rejected'] as const)(
    'an order that is %s keeps its lines; the change is recorded as refused, once, with an event',
    (status) => {
      const held = status === 'InFulfilment' ? 2 : 0;
      const r = order('R', status, [['A', 2, held]]);
      const { decision, next } = decide(decideOrderUpdate, ctx(), snapshot([stock('A', 2, held)], [r]), {
        orderId: 'R',
        lines: [line('1', 'A', 1)],
      });
      expect(linesOf(orderAfter(decision, 'R'))).toEqual([['A', 2, held]]);
      expect(orderAfter(decision, 'R').status).toBe(status);
      expect(decision.stock).toEqual([]);
      expect(historyOf(decision, 'R')).toMatchObject({ actions: ['changeRefused'], statusAfter: status });
      expect(eventsOfType(decision, 'Order Change Refused')).toEqual([
        expect.objectContaining({
          orderId: 'R',
          change: 'update',
          lines: [{ lineId: '1', sku: 'A', before: 2, after: 1 }],
          reason: expect.stringMatching(/Refused/),
        }),
      ]);
      // Delivered again (or re-applied by a later event): nothing new is recorded.
      expectNoChange(
        decide(decideOrderUpdate, ctx(), next, { orderId: 'R', lines: [line('1', 'A', 1)] }).decision,
      );
    },
  );

  it.each(['ReadyToPick', 'InFulfilment', 'Dispatched', 'Cancelled'] as const)(
    'lines the channel did not change write nothing, not even history, for an order that is %s',
    (status) => {
      const held = status === 'ReadyToPick' || status === 'InFulfilment' ? 2 : 0;
      const r = order('R', status, [
        ['A', 2, held],
        [null, 1, 0],
      ]);
      const { decision } = decide(decideOrderUpdate, ctx(), snapshot([stock('A', 2, held)], [r]), {
        orderId: 'R',
        lines: [line('1', 'A', 2), line('2', null, 1)],
      });
      expectNoChange(decision);
    },
  );

  it.each([
    ['a zero quantity', [line('1', 'A', 0)], InvalidInputError, 'INVALID_INPUT'],
    ['a negative quantity', [line('1', 'A', -1)], InvalidInputError, 'INVALID_INPUT'],
    ['a fractional quantity', [line('1', 'A', 2.5)], InvalidInputError, 'INVALID_INPUT'],
    ['duplicate line ids', [line('1', 'A', 1), line('1', 'B', 1)], InvalidInputError, 'INVALID_INPUT'],
    ['no lines', [], InvalidInputError, 'INVALID_INPUT'],
    ['an empty SKU', [line('1', '', 1)], InvalidInputError, 'INVALID_INPUT'],
  ] as const)('refuses %s, changing nothing', (_, lines, type, code) => {
    expectRefusal(
      decideOrderUpdate,
      ctx(),
      snapshot([stock('A', 2, 2), stock('B', 1, 1)], [ready()]),
      { orderId: 'R', lines: [...lines] },
      { type, code },
    );
  });

  it('refuses an unknown order', () => {
    expectRefusal(
      decideOrderUpdate,
      ctx(),
      snapshot([]),
      { orderId: 'R', lines: [line('1', 'A', 1)] },
      {
        type: OrderNotFoundError,
        code: 'ORDER_NOT_FOUND',
      },
    );
  });
});

describe('decideChannelCancellation', () => {
  /** P shipped part of the order as it came; P-BO1 waits for the rest, and P-BO1-BO1 for the rest of that. */
  const family = (parentStatus: OrderStatus = 'ReadyToPick'): SaleOrder[] => [
    order('P', parentStatus, [['A', 2, parentStatus === 'Dispatched' ? 0 : 2]], { backorderIds: ['P-BO1'] }),
    order('P-BO1', 'ReadyToPick', [['A', 1, 1]], { parentId: 'P', backorderIds: ['P-BO1-BO1'] }),
    order('P-BO1-BO1', 'AwaitingStock', [['A', 5, 0]], { parentId: 'P-BO1' }),
  ];
  const outsider = () =>
    order('W', 'AwaitingStock', [['A', 2, 0]], { createdAt: '2026-11-28T09:30:00.000Z' });
  const originals = new Map([['P', new Map([['1', 8]])]]);

  it('cancels every open order of the family; what they free goes to other waiting orders only', () => {
    const state = snapshot([stock('A', 3, 3)], [...family(), outsider()]);
    const { decision, next } = decide(
      decideChannelCancellation,
      ctx({ tenant: { onShortage: 'split' } }),
      state,
      {
        orderId: 'P',
        reason: 'customer changed their mind',
      },
    );
    expect(next.orders.map((o) => [o.orderId, o.status])).toEqual([
      ['P', 'Cancelled'],
      ['P-BO1', 'Cancelled'],
      ['P-BO1-BO1', 'Cancelled'],
      ['W', 'ReadyToPick'],
    ]);
    expect(
      next.orders
        .filter((o) => o.orderId.startsWith('P'))
        .every((o) => o.lines.every((l) => l.allocated === 0)),
    ).toBe(true);
    expect(levels(next)).toEqual({ A: [3, 2] });
    for (const id of ['P', 'P-BO1', 'P-BO1-BO1']) {
      expect(historyOf(decision, id)).toMatchObject({
        actions: ['cancelled'],
        reasons: ['Cancelled by the channel: customer changed their mind.'],
        actor: CHANNEL,
        statusAfter: 'Cancelled',
      });
    }
    expect(findInvariantViolations(next.stock, next.orders, originals)).toEqual([]);
    expect(eventList(decision)).toEqual([
      'Allocation Changed P',
      'Backorder Fulfilled W',
      'Allocation Changed W',
      'Allocation Changed P-BO1',
    ]);
  });

  it.each(['InFulfilment', 'Dispatched'] as const)(
    'leaves a member that is %s as it is, recording the refusal on it once',
    (status) => {
      const held = status === 'Dispatched' ? 1 : 3;
      const { decision, next } = decide(
        decideChannelCancellation,
        ctx(),
        snapshot([stock('A', held, held)], family(status)),
        { orderId: 'P' },
      );
      expect(next.orders.map((o) => [o.orderId, o.status])).toEqual([
        ['P', status],
        ['P-BO1', 'Cancelled'],
        ['P-BO1-BO1', 'Cancelled'],
      ]);
      expect(decision.orders.map(({ after }) => after.orderId)).toEqual(['P', 'P-BO1', 'P-BO1-BO1']);
      expect(linesOf(orderAfter(decision, 'P'))).toEqual(linesOf(family(status)[0] as SaleOrder));
      expect(historyOf(decision, 'P').actions).toEqual(['changeRefused']);
      expect(historyOf(decision, 'P-BO1').reasons).toEqual(['Cancelled by the channel.']);
      expect(eventsOfType(decision, 'Order Change Refused')).toEqual([
        expect.objectContaining({
          orderId: 'P',
          change: 'cancel',
          lines: [{ lineId: '1', sku: 'A', before: 2, after: 0 }],
        }),
      ]);
      expectNoChange(decide(decideChannelCancellation, ctx(), next, { orderId: 'P' }).decision);
    },
  );

  it('a repeat changes nothing', () => {
    const cancelled = family().map((o) => ({
      ...o,
      status: 'Cancelled' as const,
      lines: o.lines.map((l) => ({ ...l, allocated: 0 })),
    }));
    expectNoChange(
      decide(decideChannelCancellation, ctx(), snapshot([stock('A', 3)], cancelled), { orderId: 'P' })
        .decision,
    );
  });

  it.each([
    ['an unknown order', { orderId: 'nope' }, OrderNotFoundError, 'ORDER_NOT_FOUND'],
    ['an empty order id', { orderId: ' ' }, InvalidInputError, 'INVALID_INPUT'],
  ] as const)('refuses %s', (_, input, type, code) => {
    expectRefusal(decideChannelCancellation, ctx(), snapshot([stock('A', 3, 3)], family()), input, {
      type,
      code,
    });
  });
});

import { decideIntake } from '../../../shared/allocation/intake.js';
import { InvalidInputError, OrderAlreadyExistsError } from '../../../shared/domain/errors.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import type { StockLevel } from '../../../shared/domain/stock.js';
import type { OnShortage, PolicyConfig, PolicyLayer } from '../../../shared/policy/policy.js';
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
import { context, inboundSupply, incoming, order, snapshot, stock } from '../../support/engine-fixtures.js';

const CHANNEL_ACTOR = { kind: 'channel', id: 'shopify' } as const;
const ctx = (policies: PolicyConfig = {}, now = '2026-11-28T10:00:00.000Z') =>
  context({ actor: CHANNEL_ACTOR, eventId: 'evt-intake', now }, policies);

/** The order every table uses: 4 × A and 2 × B. */
const X = () =>
  incoming('X', [
    ['A', 4],
    ['B', 2],
  ]);

const STOCK: Record<'full' | 'partial' | 'none', () => StockLevel[]> = {
  full: () => [stock('A', 10), stock('B', 10)],
  /** A is one short, B is there. */
  partial: () => [stock('A', 3), stock('B', 5)],
  none: () => [],
};

type Lines = Array<[string | null, number, number]>;

interface IntakeRow {
  onShortage: OnShortage;
  stockCase: keyof typeof STOCK;
  status: string;
  lines: Lines;
  stock: Record<string, [number, number]>;
  actions: string[];
  events: string[];
  reason: string;
  backorder?: Lines;
}

const fullRows: IntakeRow[] = (['reject', 'dropShort', 'holdAll', 'holdPartial', 'split'] as const).map(
  (onShortage) => ({
    onShortage,
    stockCase: 'full',
    status: 'ReadyToPick',
    lines: [
      ['A', 4, 4],
      ['B', 2, 2],
    ],
    stock: { A: [10, 4], B: [10, 2] },
    actions: ['received', 'allocated'],
    events: ['Order Allocated X'],
    reason: 'Every line was available: ready to pick.',
  }),
);

const NOTHING_HELD: Lines = [
  ['A', 4, 0],
  ['B', 2, 0],
];

const shortRows: IntakeRow[] = [
  {
    onShortage: 'reject',
    stockCase: 'partial',
    status: 'Rejected',
    lines: NOTHING_HELD,
    stock: { A: [3, 0], B: [5, 0] },
    actions: ['received', 'rejected'],
    events: ['Order Rejected X'],
    reason: 'Short of 1 × A: refused by the reject policy.',
  },
  {
    onShortage: 'reject',
    stockCase: 'none',
    status: 'Rejected',
    lines: NOTHING_HELD,
    stock: {},
    actions: ['received', 'rejected'],
    events: ['Order Rejected X'],
    reason: 'Short of 4 × A, 2 × B: refused by the reject policy.',
  },
  {
    onShortage: 'dropShort',
    stockCase: 'partial',
    status: 'ReadyToPick',
    lines: [
      ['A', 3, 3],
      ['B', 2, 2],
    ],
    stock: { A: [3, 3], B: [5, 2] },
    actions: ['received', 'dropped'],
    events: ['Order Allocated X'],
    reason: 'Short of 1 × A: dropped the missing units and ships the rest.',
  },
  {
    onShortage: 'dropShort',
    stockCase: 'none',
    status: 'Rejected',
    lines: NOTHING_HELD,
    stock: {},
    actions: ['received', 'rejected'],
    events: ['Order Rejected X'],
    reason: 'dropShort would drop every line, so the order is refused.',
  },
  {
    onShortage: 'holdAll',
    stockCase: 'partial',
    status: 'AwaitingStock',
    lines: NOTHING_HELD,
    stock: { A: [3, 0], B: [5, 0] },
    actions: ['received', 'awaitingStock'],
    events: ['Order Awaiting Stock X'],
    reason: 'Short of 1 × A: holding everything until all of it is available.',
  },
  {
    onShortage: 'holdAll',
    stockCase: 'none',
    status: 'AwaitingStock',
    lines: NOTHING_HELD,
    stock: {},
    actions: ['received', 'awaitingStock'],
    events: ['Order Awaiting Stock X'],
    reason: 'Short of 4 × A, 2 × B: holding everything',
  },
  {
    onShortage: 'holdPartial',
    stockCase: 'partial',
    status: 'AwaitingStock',
    lines: [
      ['A', 4, 3],
      ['B', 2, 2],
    ],
    stock: { A: [3, 3], B: [5, 2] },
    actions: ['received', 'awaitingStock'],
    events: ['Order Awaiting Stock X'],
    reason: 'Short of 1 × A: holding what is available and waiting for the rest.',
  },
  {
    onShortage: 'holdPartial',
    stockCase: 'none',
    status: 'AwaitingStock',
    lines: NOTHING_HELD,
    stock: {},
    actions: ['received', 'awaitingStock'],
    events: ['Order Awaiting Stock X'],
    reason: 'Short of 4 × A, 2 × B: holding what is available',
  },
  {
    onShortage: 'split',
    stockCase: 'partial',
    status: 'ReadyToPick',
    lines: [
      ['A', 3, 3],
      ['B', 2, 2],
    ],
    stock: { A: [3, 3], B: [5, 2] },
    actions: ['received', 'split'],
    events: ['Order Split X', 'Order Allocated X'],
    reason: 'Short of 1 × A. Split: 5 of 6 units ship now, the rest waits on a backorder. Backorder X-BO1',
    backorder: [['A', 1, 0]],
  },
  {
    onShortage: 'split',
    stockCase: 'none',
    status: 'AwaitingStock',
    lines: NOTHING_HELD,
    stock: {},
    actions: ['received', 'awaitingStock'],
    events: ['Order Awaiting Stock X'],
    reason: 'Nothing is available to ship yet, so there is nothing to split.',
  },
];

describe('decideIntake: every onShortage value against full, partial and no stock', () => {
  it.each([...fullRows, ...shortRows])(
    '$onShortage with $stockCase stock → $status',
    ({ onShortage, stockCase, status, lines, stock: expectedStock, actions, events, reason, backorder }) => {
      const policies: PolicyConfig = { tenant: { onShortage } };
      const state = snapshot(STOCK[stockCase]());
      const { decision, next } = decide(decideIntake, ctx(policies), state, X());

      const x = orderAfter(decision, 'X');
      expect(x.status).toBe(status);
      expect(linesOf(x)).toEqual(lines);
      expect(levels(next)).toEqual(expectedStock);
      expect(eventList(decision)).toEqual(events);

      const entry = historyOf(decision, 'X');
      expect(entry.actions).toEqual(actions);
      expect(entry.reasons[0]).toBe('Received from shopify as X.');
      expect(entry.reasons.join(' ')).toContain(reason);
      expect(entry).toMatchObject({ actor: CHANNEL_ACTOR, triggerEventId: 'evt-intake', statusBefore: null });
      expect(entry.linesBefore).toEqual([]);
      expect(entry.policy?.values.onShortage).toBe(onShortage);
      expect(entry.policy?.sources.onShortage).toBe('tenant');
      expect(entry.policy?.sources.autoAllocate).toBe('default');

      if (backorder) {
        expect(x.backorderIds).toEqual(['X-BO1']);
        const bo = orderAfter(decision, 'X-BO1');
        expect(bo).toMatchObject({ status: 'AwaitingStock', parentId: 'X', backorderIds: [], version: 1 });
        expect(linesOf(bo)).toEqual(backorder);
        expect(bo.lines[0]?.lineId).toBe('1');
        const boEntry = historyOf(decision, 'X-BO1');
        expect(boEntry.actions).toEqual(['createdBySplit']);
        expect(boEntry.reasons).toEqual(['Created by splitting X: waits for the missing units.']);
        expect(boEntry.policy?.values.onShortage).toBe('split');
        const [split] = eventsOfType(decision, 'Order Split');
        expect(split).toMatchObject({
          orderId: 'X',
          backorderId: 'X-BO1',
          shipping: [
            { lineId: '1', sku: 'A', quantity: 3, allocated: 3 },
            { lineId: '2', sku: 'B', quantity: 2, allocated: 2 },
          ],
          backordered: [{ lineId: '1', sku: 'A', quantity: 1, allocated: 0 }],
        });
      } else {
        expect(x.backorderIds).toEqual([]);
        expect(decision.orders).toHaveLength(1);
      }
    },
  );

  it('dropShort records the dropped units on the line so the order still adds up', () => {
    const { decision } = decide(
      decideIntake,
      ctx({ tenant: { onShortage: 'dropShort' } }),
      snapshot(STOCK.partial()),
      X(),
    );
    expect(orderAfter(decision, 'X').lines).toEqual([
      { lineId: '1', sku: 'A', quantity: 3, allocated: 3, dropped: 1 },
      { lineId: '2', sku: 'B', quantity: 2, allocated: 2 },
    ]);
  });

  it('an awaiting order announces exactly what it is missing; a rejected one says why', () => {
    const awaiting = decide(decideIntake, ctx(), snapshot(STOCK.partial()), X()).decision;
    expect(eventsOfType(awaiting, 'Order Awaiting Stock')).toEqual([
      expect.objectContaining({
        orderId: 'X',
        channel: 'shopify',
        channelOrderId: 'X',
        warehouseId: 'main',
        eventId: 'evt-intake:X:awaiting-stock',
        missing: [{ lineId: '1', sku: 'A', quantity: 1 }],
      }),
    ]);
    const rejected = decide(
      decideIntake,
      ctx({ tenant: { onShortage: 'reject' } }),
      snapshot(STOCK.partial()),
      X(),
    ).decision;
    expect(eventsOfType(rejected, 'Order Rejected')[0]?.reason).toContain('refused by the reject policy');
  });
});

describe('decideIntake: where the policy comes from', () => {
  it.each([
    ['tenant', { tenant: { onShortage: 'reject' } }, undefined, 'tenant'],
    ['channel', { channels: { shopify: { onShortage: 'reject' } } }, undefined, 'channel:shopify'],
    ['SKU the order is short of', { skus: { A: { onShortage: 'reject' } } }, undefined, 'sku:A'],
    ['order override', { tenant: { onShortage: 'split' } }, { onShortage: 'reject' }, 'order'],
  ] as Array<[string, PolicyConfig, PolicyLayer | undefined, string]>)(
    'a %s layer is applied and recorded as the source',
    (_, policies, policyOverride, source) => {
      const input = { ...X(), ...(policyOverride ? { policyOverride } : {}) };
      const { decision } = decide(decideIntake, ctx(policies), snapshot(STOCK.partial()), input);
      expect(orderAfter(decision, 'X').status).toBe('Rejected');
      expect(historyOf(decision, 'X').policy?.sources.onShortage).toBe(source);
    },
  );

  it('a short order takes the layer of the SKU it is short of, not of the SKUs it has', () => {
    const policies: PolicyConfig = { skus: { A: { onShortage: 'split' }, B: { onShortage: 'reject' } } };
    const input = incoming('X', [
      ['B', 2],
      ['A', 4],
    ]);
    const { decision } = decide(decideIntake, ctx(policies), snapshot(STOCK.partial()), input);
    expect(orderAfter(decision, 'X').status).toBe('ReadyToPick');
    expect(orderAfter(decision, 'X-BO1').status).toBe('AwaitingStock');
    expect(historyOf(decision, 'X').policy?.sources.onShortage).toBe('sku:A');
  });
});

describe('decideIntake: reserveWhileWaiting false', () => {
  const off = (onShortage: OnShortage, extra: PolicyLayer = {}): PolicyConfig => ({
    tenant: { onShortage, reserveWhileWaiting: false, ...extra },
  });

  it.each([
    [
      'holdPartial',
      off('holdPartial'),
      'AwaitingStock',
      NOTHING_HELD,
      'reserveWhileWaiting is off, so nothing is held yet',
    ],
    ['holdAll', off('holdAll'), 'AwaitingStock', NOTHING_HELD, 'holding everything'],
    [
      'split that may not split (minimum fill)',
      off('split', { minimumFill: { kind: 'percent', value: 90 } }),
      'AwaitingStock',
      NOTHING_HELD,
      'below the minimum fill of 90%: not split',
    ],
    [
      'split on a channel that cannot split',
      { ...off('split'), channels: { shopify: { splitSupported: false } } },
      'AwaitingStock',
      NOTHING_HELD,
      'Channel shopify cannot take split orders',
    ],
    [
      'split (the shipping part is not waiting, so it takes its stock)',
      off('split'),
      'ReadyToPick',
      [
        ['A', 3, 3],
        ['B', 2, 2],
      ],
      'Split: 5 of 6 units ship now',
    ],
    [
      'dropShort (nothing waits)',
      off('dropShort'),
      'ReadyToPick',
      [
        ['A', 3, 3],
        ['B', 2, 2],
      ],
      'dropped the missing units',
    ],
  ] as Array<[string, PolicyConfig, string, Lines, string]>)(
    '%s: a waiting order holds nothing, stock stays free',
    (_, policies, status, lines, reason) => {
      const { decision, next } = decide(decideIntake, ctx(policies), snapshot(STOCK.partial()), X());
      const x = orderAfter(decision, 'X');
      expect(x.status).toBe(status);
      expect(linesOf(x)).toEqual(lines);
      const held = lines.reduce((sum, [, , allocated]) => sum + allocated, 0);
      expect(levels(next).A?.[1] ?? 0).toBe(Math.min(held, 3));
      expect(historyOf(decision, 'X').reasons.join(' ')).toContain(reason);
      expect(historyOf(decision, 'X').policy?.values.reserveWhileWaiting).toBe(false);
    },
  );

  it('with full stock the order is allocated as usual', () => {
    const { decision } = decide(decideIntake, ctx(off('holdPartial')), snapshot(STOCK.full()), X());
    expect(orderAfter(decision, 'X').status).toBe('ReadyToPick');
  });
});

describe('decideIntake: splitDelayDays', () => {
  /** Three days from `now` (2026-11-28T10:00Z). */
  const UNTIL = '2026-12-01T10:00:00.000Z';
  const delay = (days: number): PolicyConfig => ({ tenant: { onShortage: 'split', splitDelayDays: days } });

  it.each([
    ['inside the window', 3, [inboundSupply('A', 1, '2026-11-30T00:00:00.000Z')], true],
    ['exactly at the end of the window', 3, [inboundSupply('A', 5, UNTIL)], true],
    [
      'inside the window, written with an offset',
      3,
      [inboundSupply('A', 1, '2026-12-01T11:00:00+02:00')],
      true,
    ],
    ['outside the window', 3, [inboundSupply('A', 1, '2026-12-05T00:00:00.000Z')], false],
    ['just after the window', 3, [inboundSupply('A', 1, '2026-12-01T10:00:00.001Z')], false],
    [
      'outside the window, written with an offset',
      3,
      [inboundSupply('A', 1, '2026-12-01T11:00:00-02:00')],
      false,
    ],
    ['for another SKU', 3, [inboundSupply('B', 1, '2026-11-30T00:00:00.000Z')], false],
    ['for another warehouse', 3, [inboundSupply('A', 1, '2026-11-30T00:00:00.000Z', 'north')], false],
    ['not expected at all', 3, [], false],
    ['that is not a time', 3, [inboundSupply('A', 1, 'soon')], false],
    [
      'inside the window, with no delay configured',
      0,
      [inboundSupply('A', 1, '2026-11-30T00:00:00.000Z')],
      false,
    ],
  ])('inbound ETA %s (delay of %i days) → waits: %s', (_, days, inbound, waits) => {
    const { decision } = decide(decideIntake, ctx(delay(days)), snapshot(STOCK.partial(), [], inbound), X());
    const x = orderAfter(decision, 'X');
    const entry = historyOf(decision, 'X');
    expect(entry.policy?.values.splitDelayDays).toBe(days);
    if (waits) {
      expect(x.status).toBe('AwaitingStock');
      expect(x.splitDueAt).toBe(UNTIL);
      expect(linesOf(x)).toEqual([
        ['A', 4, 3],
        ['B', 2, 2],
      ]);
      expect(entry.actions).toEqual(['received', 'awaitingStock']);
      expect(entry.reasons.join(' ')).toContain(
        `The missing stock is due by ${UNTIL}, within the split delay of 3 days: waiting instead of splitting.`,
      );
      expect(eventList(decision)).toEqual(['Order Awaiting Stock X']);
    } else {
      expect(x.status).toBe('ReadyToPick');
      expect(x.splitDueAt).toBeUndefined();
      expect(x.backorderIds).toEqual(['X-BO1']);
      expect(eventList(decision)).toEqual(['Order Split X', 'Order Allocated X']);
    }
  });

  it('does not wait when the inbound within the window covers only part of what is missing', () => {
    const input = incoming('X', [['A', 6]]);
    const inbound = [inboundSupply('A', 2, '2026-11-29T00:00:00.000Z')];
    const { decision } = decide(decideIntake, ctx(delay(3)), snapshot([stock('A', 3)], [], inbound), input);
    expect(orderAfter(decision, 'X').status).toBe('ReadyToPick');
    expect(linesOf(orderAfter(decision, 'X-BO1'))).toEqual([['A', 3, 0]]);
  });

  it('waits when two deliveries within the window cover what is missing together', () => {
    const input = incoming('X', [['A', 6]]);
    const inbound = [
      inboundSupply('A', 2, '2026-11-29T00:00:00.000Z'),
      inboundSupply('A', 1, '2026-11-30T00:00:00.000Z'),
    ];
    const { decision } = decide(decideIntake, ctx(delay(3)), snapshot([stock('A', 3)], [], inbound), input);
    expect(orderAfter(decision, 'X')).toMatchObject({ status: 'AwaitingStock', splitDueAt: UNTIL });
  });

  it('with reserveWhileWaiting false the delayed order holds nothing', () => {
    const policies: PolicyConfig = {
      tenant: { onShortage: 'split', splitDelayDays: 3, reserveWhileWaiting: false },
    };
    const inbound = [inboundSupply('A', 1, '2026-11-30T00:00:00.000Z')];
    const { decision, next } = decide(
      decideIntake,
      ctx(policies),
      snapshot(STOCK.partial(), [], inbound),
      X(),
    );
    expect(orderAfter(decision, 'X')).toMatchObject({ status: 'AwaitingStock', splitDueAt: UNTIL });
    expect(linesOf(orderAfter(decision, 'X'))).toEqual(NOTHING_HELD);
    expect(levels(next)).toEqual({ A: [3, 0], B: [5, 0] });
  });
});

describe('decideIntake: a channel that cannot take split orders', () => {
  const policies: PolicyConfig = {
    tenant: { onShortage: 'split' },
    channels: { shopify: { splitSupported: false } },
  };

  it('falls back to holdPartial and the history says why', () => {
    const { decision, next } = decide(decideIntake, ctx(policies), snapshot(STOCK.partial()), X());
    const x = orderAfter(decision, 'X');
    expect(x.status).toBe('AwaitingStock');
    expect(x.backorderIds).toEqual([]);
    expect(linesOf(x)).toEqual([
      ['A', 4, 3],
      ['B', 2, 2],
    ]);
    expect(levels(next)).toEqual({ A: [3, 3], B: [5, 2] });
    const entry = historyOf(decision, 'X');
    expect(entry.actions).toEqual(['received', 'awaitingStock']);
    expect(entry.reasons.join(' ')).toContain(
      'Channel shopify cannot take split orders: held with what is available.',
    );
    expect(entry.policy?.values).toMatchObject({ onShortage: 'split', splitSupported: false });
    expect(entry.policy?.sources).toMatchObject({ onShortage: 'tenant', splitSupported: 'channel:shopify' });
    expect(eventList(decision)).toEqual(['Order Awaiting Stock X']);
  });

  it('other channels of the same tenant still split', () => {
    const input = { ...X(), channel: 'woocommerce' };
    const { decision } = decide(decideIntake, ctx(policies), snapshot(STOCK.partial()), input);
    expect(orderAfter(decision, 'X').backorderIds).toEqual(['X-BO1']);
    expect(historyOf(decision, 'X').policy?.sources.splitSupported).toBe('default');
  });
});

describe('decideIntake: minimum fill before a split', () => {
  it.each([
    [{ kind: 'percent', value: 50 }, 5, 'split'],
    [{ kind: 'percent', value: 50 }, 4, 'hold'],
    [{ kind: 'percent', value: 0 }, 1, 'split'],
    [{ kind: 'percent', value: 100 }, 9, 'hold'],
    [{ kind: 'units', value: 3 }, 3, 'split'],
    [{ kind: 'units', value: 3 }, 2, 'hold'],
    [null, 1, 'split'],
  ] as const)('minimum %j with %i of 10 available → %s', (minimumFill, available, outcome) => {
    const policies: PolicyConfig = { tenant: { onShortage: 'split' }, skus: { A: { minimumFill } } };
    const { decision, next } = decide(
      decideIntake,
      ctx(policies),
      snapshot([stock('A', available)]),
      incoming('X', [['A', 10]]),
    );
    const x = orderAfter(decision, 'X');
    const entry = historyOf(decision, 'X');
    expect(entry.policy?.values.minimumFill).toEqual(minimumFill);
    expect(entry.policy?.sources.minimumFill).toBe('sku:A');
    expect(levels(next)).toEqual({ A: [available, available] });
    if (outcome === 'split') {
      expect(linesOf(x)).toEqual([['A', available, available]]);
      expect(linesOf(orderAfter(decision, 'X-BO1'))).toEqual([['A', 10 - available, 0]]);
    } else {
      expect(x.status).toBe('AwaitingStock');
      expect(linesOf(x)).toEqual([['A', 10, available]]);
      const fill = minimumFill?.kind === 'units' ? `${minimumFill.value} units` : `${minimumFill?.value}%`;
      expect(entry.reasons.join(' ')).toContain(
        `Only ${available} of 10 units are available, below the minimum fill of ${fill}: not split.`,
      );
    }
  });
});

describe('decideIntake: lines without a SKU', () => {
  const giftCard = () =>
    incoming('X', [
      [null, 1],
      ['A', 4],
    ]);

  it.each([
    [
      'holdPartial',
      [stock('A', 10)],
      'ReadyToPick',
      [
        [null, 1, 0],
        ['A', 4, 4],
      ],
    ],
    [
      'holdPartial',
      [],
      'AwaitingStock',
      [
        [null, 1, 0],
        ['A', 4, 0],
      ],
    ],
    [
      'holdAll',
      [stock('A', 1)],
      'AwaitingStock',
      [
        [null, 1, 0],
        ['A', 4, 0],
      ],
    ],
    [
      'split',
      [stock('A', 3)],
      'ReadyToPick',
      [
        [null, 1, 0],
        ['A', 3, 3],
      ],
    ],
    [
      'split',
      [],
      'AwaitingStock',
      [
        [null, 1, 0],
        ['A', 4, 0],
      ],
    ],
    [
      'dropShort',
      [],
      'ReadyToPick',
      [
        [null, 1, 0],
        ['A', 0, 0],
      ],
    ],
    [
      'reject',
      [],
      'Rejected',
      [
        [null, 1, 0],
        ['A', 4, 0],
      ],
    ],
  ] as Array<[OnShortage, StockLevel[], string, Lines]>)(
    '%s: the line is kept, noted and never allocated',
    (onShortage, levelsBefore, status, lines) => {
      const { decision } = decide(
        decideIntake,
        ctx({ tenant: { onShortage } }),
        snapshot(levelsBefore),
        giftCard(),
      );
      const x = orderAfter(decision, 'X');
      expect(x.status).toBe(status);
      expect(linesOf(x)).toEqual(lines);
      expect(historyOf(decision, 'X').reasons).toContain(
        'Line 1 has no SKU: kept on the order, not stock-managed.',
      );
      expect(decision.steps.every((step) => step.lineId !== '1')).toBe(true);
      if (x.backorderIds.length > 0) expect(linesOf(orderAfter(decision, 'X-BO1'))).toEqual([['A', 1, 0]]);
    },
  );

  it('an order of unmanaged lines only is ready at once and touches no stock', () => {
    const { decision } = decide(decideIntake, ctx(), snapshot([]), incoming('X', [[null, 2]]));
    expect(orderAfter(decision, 'X').status).toBe('ReadyToPick');
    expect(decision.stock).toEqual([]);
    expect(eventList(decision)).toEqual(['Order Allocated X']);
  });
});

describe('decideIntake: several lines of one SKU share its stock, first line first', () => {
  it.each([
    [
      'holdPartial',
      [
        ['A', 3, 3],
        ['A', 3, 1],
      ],
    ],
    [
      'split',
      [
        ['A', 3, 3],
        ['A', 1, 1],
      ],
    ],
  ] as Array<[OnShortage, Lines]>)('%s', (onShortage, lines) => {
    const input = incoming('X', [
      ['A', 3],
      ['A', 3],
    ]);
    const { decision, next } = decide(
      decideIntake,
      ctx({ tenant: { onShortage } }),
      snapshot([stock('A', 4)]),
      input,
    );
    expect(linesOf(orderAfter(decision, 'X'))).toEqual(lines);
    expect(levels(next)).toEqual({ A: [4, 4] });
  });

  it('counts stock already allocated to other orders as unavailable', () => {
    const other = order('O', 'ReadyToPick', [['A', 3, 3]]);
    const { decision, next } = decide(
      decideIntake,
      ctx(),
      snapshot([stock('A', 4, 3)], [other]),
      incoming('X', [['A', 2]]),
    );
    expect(linesOf(orderAfter(decision, 'X'))).toEqual([['A', 2, 1]]);
    expect(levels(next)).toEqual({ A: [4, 4] });
  });
});

describe('decideIntake: refusals', () => {
  it('refuses an order that already exists, changing nothing', () => {
    const existing = order('X', 'AwaitingStock', [
      ['A', 4, 0],
      ['B', 2, 0],
    ]);
    expectRefusal(decideIntake, ctx(), snapshot([], [existing]), X(), {
      type: OrderAlreadyExistsError,
      code: 'ORDER_ALREADY_EXISTS',
      details: { orderId: 'X' },
    });
  });

  const withLines = (lines: unknown): IncomingOrder => ({ ...X(), lines: lines as IncomingOrder['lines'] });

  it.each([
    ['a zero quantity', withLines([{ lineId: '1', sku: 'A', quantity: 0 }]), 'lines.0.quantity'],
    ['a negative quantity', withLines([{ lineId: '1', sku: 'A', quantity: -2 }]), 'lines.0.quantity'],
    ['a fractional quantity', withLines([{ lineId: '1', sku: 'A', quantity: 1.5 }]), 'lines.0.quantity'],
    [
      'a quantity that is not a number',
      withLines([{ lineId: '1', sku: 'A', quantity: Number.NaN }]),
      'lines.0.quantity',
    ],
    [
      'duplicate line ids',
      withLines([
        { lineId: '1', sku: 'A', quantity: 1 },
        { lineId: '1', sku: 'B', quantity: 1 },
      ]),
      'lines.1',
    ],
    ['no lines', withLines([]), 'lines'],
    ['an empty SKU', withLines([{ lineId: '1', sku: '', quantity: 1 }]), 'lines.0.sku'],
    ['a blank SKU', withLines([{ lineId: '1', sku: '   ', quantity: 1 }]), 'lines.0.sku'],
    ['an empty line id', withLines([{ lineId: '', sku: 'A', quantity: 1 }]), 'lines.0.lineId'],
    ['an empty order id', { ...X(), orderId: '' }, 'orderId'],
    ['a created time that is not ISO 8601', { ...X(), createdAt: 'yesterday' }, 'createdAt'],
    ['a fractional priority', { ...X(), priority: 1.5 }, 'priority'],
    [
      'an unknown policy setting',
      { ...X(), policyOverride: { onShortage: 'later' } },
      'policyOverride.onShortage',
    ],
    [
      'a negative split delay',
      { ...X(), policyOverride: { splitDelayDays: -1 } },
      'policyOverride.splitDelayDays',
    ],
  ] as Array<[string, IncomingOrder, string]>)(
    'refuses %s with INVALID_INPUT naming the field',
    (_, input, path) => {
      const error = expectRefusal(decideIntake, ctx(), snapshot([stock('A', 5)]), input, {
        type: InvalidInputError,
        code: 'INVALID_INPUT',
      });
      expect(error.details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    },
  );
});

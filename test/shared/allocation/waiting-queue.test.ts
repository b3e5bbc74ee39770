import fc from 'fast-check';
import { compareWaiting, waitingRank } from '../../../shared/allocation/waiting-queue.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import { PRIORITY_RULES, type PriorityRule } from '../../../shared/policy/policy.js';

type Ranked = Pick<SaleOrder, 'orderId' | 'createdAt' | 'priority' | 'shipBy'>;

const T = '2026-01-01T00:00:00.000Z';

describe('waitingRank', () => {
  it.each([
    ['fifo', { orderId: 'A', createdAt: T }, `${T}#A`],
    ['fifo, ignoring priority and ship-by', { orderId: 'A', createdAt: T, priority: 9, shipBy: T }, `${T}#A`],
    [
      'shipBy',
      { orderId: 'A', createdAt: T, shipBy: '2026-02-01T00:00:00.000Z' },
      `2026-02-01T00:00:00.000Z#${T}#A`,
    ],
    ['shipBy, none given: last', { orderId: 'A', createdAt: T }, `9999-12-31T23:59:59.999Z#${T}#A`],
    ['priorityThenFifo, priority 5', { orderId: 'A', createdAt: T, priority: 5 }, `00999999995#${T}#A`],
    ['priorityThenFifo, no priority', { orderId: 'A', createdAt: T }, `01000000000#${T}#A`],
    ['priorityThenFifo, priority -5', { orderId: 'A', createdAt: T, priority: -5 }, `01000000005#${T}#A`],
    [
      'priorityThenFifo, the highest priority',
      { orderId: 'A', createdAt: T, priority: 999_999_999 },
      `00000000001#${T}#A`,
    ],
    [
      'priorityThenFifo, the lowest priority',
      { orderId: 'A', createdAt: T, priority: -999_999_999 },
      `01999999999#${T}#A`,
    ],
    [
      'fifo, a time with an offset, in UTC',
      { orderId: 'A', createdAt: '2026-01-01T02:00:00+02:00' },
      `${T}#A`,
    ],
    [
      'fifo, a time without milliseconds, with them',
      { orderId: 'A', createdAt: '2026-01-01T00:00:00Z' },
      `${T}#A`,
    ],
    [
      'shipBy, a date with an offset, in UTC',
      { orderId: 'A', createdAt: T, shipBy: '2026-01-31T20:00:00-04:00' },
      `2026-02-01T00:00:00.000Z#${T}#A`,
    ],
  ] as Array<[string, Ranked, string]>)('%s', (name, order, rank) => {
    const rule = name.split(',')[0] as PriorityRule;
    expect(waitingRank(order, rule)).toBe(rank);
  });
});

describe('compareWaiting', () => {
  const o = (orderId: string, createdAt: string, extra: Partial<Ranked> = {}): Ranked => ({
    orderId,
    createdAt,
    ...extra,
  });

  it.each([
    ['fifo', 'the older order', o('B', '2026-01-01T00:00:00.000Z'), o('A', '2026-01-02T00:00:00.000Z')],
    ['fifo', 'on the same time, the lower order id', o('A', T), o('B', T)],
    [
      'fifo',
      'the older order, whatever its precision',
      o('B', '2026-01-01T00:00:00Z'),
      o('A', '2026-01-01T00:00:00.500Z'),
    ],
    [
      'fifo',
      'the older order, whatever its offset',
      o('B', '2026-01-01T09:00:00+10:00'),
      o('A', '2026-01-01T00:00:00.000Z'),
    ],
    [
      'shipBy',
      'the earlier ship-by date',
      o('B', '2026-01-02T00:00:00.000Z', { shipBy: '2026-01-05T00:00:00.000Z' }),
      o('A', T, { shipBy: '2026-01-06T00:00:00.000Z' }),
    ],
    [
      'shipBy',
      'one with a ship-by date over one without',
      o('B', '2026-01-02T00:00:00.000Z', { shipBy: '2099-01-01T00:00:00.000Z' }),
      o('A', T),
    ],
    [
      'shipBy',
      'on the same date, the older order',
      o('B', T, { shipBy: '2026-01-05T00:00:00.000Z' }),
      o('A', '2026-01-02T00:00:00.000Z', { shipBy: '2026-01-05T00:00:00.000Z' }),
    ],
    [
      'shipBy',
      'on the same date and time, the lower order id',
      o('A', T, { shipBy: T }),
      o('B', T, { shipBy: T }),
    ],
    [
      'priorityThenFifo',
      'the higher priority',
      o('B', '2026-01-02T00:00:00.000Z', { priority: 2 }),
      o('A', T, { priority: 1 }),
    ],
    [
      'priorityThenFifo',
      'a priority of 0 over a negative one',
      o('B', '2026-01-02T00:00:00.000Z'),
      o('A', T, { priority: -1 }),
    ],
    [
      'priorityThenFifo',
      'priority 10 over priority 9 (numeric, not text, order)',
      o('B', '2026-01-02T00:00:00.000Z', { priority: 10 }),
      o('A', T, { priority: 9 }),
    ],
    [
      'priorityThenFifo',
      'on the same priority, the older order',
      o('B', T, { priority: 3 }),
      o('A', '2026-01-02T00:00:00.000Z', { priority: 3 }),
    ],
    [
      'priorityThenFifo',
      'on the same priority and time, the lower order id',
      o('A', T, { priority: 3 }),
      o('B', T, { priority: 3 }),
    ],
  ] as Array<[PriorityRule, string, Ranked, Ranked]>)('%s serves %s first', (rule, _, first, second) => {
    expect(compareWaiting(rule)(first, second)).toBeLessThan(0);
    expect(compareWaiting(rule)(second, first)).toBeGreaterThan(0);
    expect(compareWaiting(rule)(first, first)).toBe(0);
  });
});

/** A time written the way some channel might: UTC or an offset, with or without milliseconds. */
const timeArb = fc
  .record({
    ms: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
    offsetMinutes: fc.constantFrom(0, 60, -300, 330, 600, -720),
    millis: fc.boolean(),
    zulu: fc.boolean(),
  })
  .map(({ ms, offsetMinutes, millis, zulu }) => {
    const instant = millis ? ms : ms - (ms % 1000);
    const offset = zulu ? 0 : offsetMinutes;
    const local = new Date(instant + offset * 60_000).toISOString().slice(0, millis ? 23 : 19);
    if (zulu) return { text: `${local}Z`, instant };
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return {
      text: `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
      instant,
    };
  });

/** Orders with few distinct values, so that ties at every level are common. */
const orderArb = fc.record({
  orderId: fc.constantFrom('A', 'B', 'C', 'A-BO1', 'a', 'Z9'),
  created: fc.oneof(timeArb, fc.constant({ text: T, instant: Date.parse(T) })),
  shipBy: fc.option(fc.oneof(timeArb, fc.constant({ text: T, instant: Date.parse(T) })), { nil: undefined }),
  priority: fc.option(
    fc.oneof(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.constantFrom(-1, 0, 1, 9, 10)),
    {
      nil: undefined,
    },
  ),
});
type Generated = {
  orderId: string;
  created: { text: string; instant: number };
  shipBy?: { text: string; instant: number };
  priority?: number;
};

const ranked = (g: Generated): Ranked => ({
  orderId: g.orderId,
  createdAt: g.created.text,
  ...(g.shipBy ? { shipBy: g.shipBy.text } : {}),
  ...(g.priority === undefined ? {} : { priority: g.priority }),
});

/** The rule as the design states it, on instants and numbers rather than text. */
const reference =
  (rule: PriorityRule) =>
  (a: Generated, b: Generated): number => {
    const keys = (g: Generated): Array<number | string> => {
      const tail = [g.created.instant, g.orderId];
      if (rule === 'shipBy') return [g.shipBy?.instant ?? Number.POSITIVE_INFINITY, ...tail];
      if (rule === 'priorityThenFifo') return [-(g.priority ?? 0), ...tail];
      return tail;
    };
    const [left, right] = [keys(a), keys(b)];
    for (let i = 0; i < left.length; i++) {
      const [x, y] = [left[i] as number | string, right[i] as number | string];
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };

describe('waiting queue properties', () => {
  it.each(PRIORITY_RULES)('%s: sorting by waitingRank text is sorting by compareWaiting', (rule) => {
    fc.assert(
      fc.property(fc.array(orderArb, { maxLength: 12 }), (generated) => {
        const orders = generated.map(ranked);
        const byRank = [...orders].sort((a, b) => {
          const [x, y] = [waitingRank(a, rule), waitingRank(b, rule)];
          return x < y ? -1 : x > y ? 1 : 0;
        });
        expect(byRank).toEqual([...orders].sort(compareWaiting(rule)));
      }),
    );
  });

  it.each(PRIORITY_RULES)(
    '%s: compareWaiting orders as the design says, by instants, then order id',
    (rule) => {
      fc.assert(
        fc.property(orderArb, orderArb, (a, b) => {
          expect(Math.sign(compareWaiting(rule)(ranked(a), ranked(b)))).toBe(reference(rule)(a, b));
        }),
      );
    },
  );

  it.each(PRIORITY_RULES)('%s: the same order ranks the same however its times are written', (rule) => {
    fc.assert(
      fc.property(orderArb, (g) => {
        const canonical = (time: { instant: number }) => ({
          text: new Date(time.instant).toISOString(),
          instant: time.instant,
        });
        const rewritten = {
          ...g,
          created: canonical(g.created),
          ...(g.shipBy ? { shipBy: canonical(g.shipBy) } : {}),
        };
        expect(waitingRank(ranked(rewritten), rule)).toBe(waitingRank(ranked(g), rule));
      }),
    );
  });
});

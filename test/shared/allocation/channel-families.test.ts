import { decideChannelChange, decideOrderUpdate } from '../../../shared/allocation/channel-orders.js';
import type { DecisionContext, StateSnapshot } from '../../../shared/allocation/decision.js';
import { decideIntake } from '../../../shared/allocation/intake.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import type { ChannelChange } from '../../../shared/domain/channel-change.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import {
  decide,
  eventList,
  eventsOfType,
  expectNoChange,
  historyOf,
  levels,
  linesOf,
} from '../../support/engine-checks.js';
import { context, incoming, order, snapshot, stock } from '../../support/engine-fixtures.js';

/** Split families follow their channel order (DESIGN §10); changes may come before the order. */
const ctx = (policies: PolicyConfig = {}): DecisionContext =>
  context({ actor: { kind: 'channel', id: 'shopify' }, eventId: 'evt-change' }, policies);

const line = (lineId: string, sku: string | null, quantity: number) => ({ lineId, sku, quantity });

/** Family totals per line, and the family invariant against what the channel now says. */
const familyAddsUp = (next: StateSnapshot, root: string, lines: Array<[string, number]>) =>
  expect(findInvariantViolations(next.stock, next.orders, new Map([[root, new Map(lines)]]))).toEqual([]);

const statuses = (next: StateSnapshot) => next.orders.map((o) => [o.orderId, o.status, ...linesOf(o)]);

/** P ships 3 × A; P-BO1 waits for 2, P-BO2 for 3 more (8 ordered). */
const family = (parent: SaleOrder['status'] = 'ReadyToPick'): SaleOrder[] => [
  order('P', parent, [['A', 3, parent === 'Dispatched' ? 0 : 3]], { backorderIds: ['P-BO1', 'P-BO2'] }),
  order('P-BO1', 'AwaitingStock', [['A', 2, 0]], { parentId: 'P' }),
  order('P-BO2', 'AwaitingStock', [['A', 3, 0]], { parentId: 'P' }),
];

describe('a channel update of a split family', () => {
  it('takes a reduction off the waiting backorders, newest first, before the parent', () => {
    const { next } = decide(decideOrderUpdate, ctx(), snapshot([stock('A', 3, 3)], family()), {
      orderId: 'P',
      lines: [line('1', 'A', 4)],
    });
    expect(statuses(next)).toEqual([
      ['P', 'ReadyToPick', ['A', 3, 3]],
      ['P-BO1', 'AwaitingStock', ['A', 1, 0]],
      ['P-BO2', 'Cancelled'],
    ]);
    familyAddsUp(next, 'P', [['1', 4]]);
  });

  it("then from the parent's unpicked allocation, freeing the stock for the next waiting order", () => {
    const outsider = order('W', 'AwaitingStock', [['A', 1, 0]], { createdAt: '2026-11-28T09:30:00.000Z' });
    const { decision, next } = decide(
      decideOrderUpdate,
      ctx(),
      snapshot([stock('A', 3, 3)], [...family(), outsider]),
      { orderId: 'P', lines: [line('1', 'A', 2)] },
    );
    expect(statuses(next)).toEqual([
      ['P', 'ReadyToPick', ['A', 2, 2]],
      ['P-BO1', 'Cancelled'],
      ['P-BO2', 'Cancelled'],
      ['W', 'ReadyToPick', ['A', 1, 1]],
    ]);
    expect(levels(next)).toEqual({ A: [3, 3] });
    expect(eventList(decision)).toContain('Backorder Fulfilled W');
    familyAddsUp(next, 'P', [['1', 2]]);
  });

  it('puts an increase on the newest open backorder, served by policy', () => {
    const { next } = decide(decideOrderUpdate, ctx(), snapshot([stock('A', 4, 3)], family()), {
      orderId: 'P',
      lines: [line('1', 'A', 10)],
    });
    expect(statuses(next)).toEqual([
      ['P', 'ReadyToPick', ['A', 3, 3]],
      ['P-BO1', 'AwaitingStock', ['A', 2, 0]],
      ['P-BO2', 'AwaitingStock', ['A', 5, 1]],
    ]);
    familyAddsUp(next, 'P', [['1', 10]]);
  });

  it('opens a new backorder for an increase when no member is open, and announces the split', () => {
    const picking = [
      order('P', 'InFulfilment', [['A', 3, 3]], { backorderIds: ['P-BO1'] }),
      order('P-BO1', 'Dispatched', [['A', 2, 0]], { parentId: 'P' }),
    ];
    const { decision, next } = decide(decideOrderUpdate, ctx(), snapshot([stock('A', 3, 3)], picking), {
      orderId: 'P',
      lines: [line('1', 'A', 6)],
    });
    expect(statuses(next)).toEqual([
      ['P', 'InFulfilment', ['A', 3, 3]],
      ['P-BO1', 'Dispatched', ['A', 2, 0]],
      ['P-BO2', 'AwaitingStock', ['A', 1, 0]],
    ]);
    expect(next.orders[0]?.backorderIds).toEqual(['P-BO1', 'P-BO2']);
    expect(eventList(decision)).toContain('Order Split P');
    familyAddsUp(next, 'P', [['1', 6]]);
  });

  it('refuses what only a member being picked could give, applying the rest, and says so once', () => {
    const state = snapshot([stock('A', 3, 3)], family('InFulfilment'));
    const { decision, next } = decide(decideOrderUpdate, ctx(), state, {
      orderId: 'P',
      lines: [line('1', 'A', 1)],
    });
    expect(statuses(next)).toEqual([
      ['P', 'InFulfilment', ['A', 3, 3]],
      ['P-BO1', 'Cancelled'],
      ['P-BO2', 'Cancelled'],
    ]);
    expect(historyOf(decision, 'P').actions).toEqual(['changeRefused']);
    expect(eventsOfType(decision, 'Order Change Refused')).toEqual([
      expect.objectContaining({
        orderId: 'P',
        change: 'update',
        lines: [{ lineId: '1', sku: 'A', before: 3, after: 1 }],
      }),
    ]);
    expectNoChange(
      decide(decideOrderUpdate, ctx(), next, { orderId: 'P', lines: [line('1', 'A', 1)] }).decision,
    );
  });

  it('takes a removed line off whichever member holds it, and gives an added line to the newest open backorder', () => {
    const two = [
      order('P', 'ReadyToPick', [['A', 3, 3]], { backorderIds: ['P-BO1'] }),
      order('P-BO1', 'AwaitingStock', [['A', 2, 0]], { parentId: 'P' }),
    ];
    two[1]?.lines.push({ lineId: '2', sku: 'B', quantity: 4, allocated: 1 });
    const { next } = decide(
      decideOrderUpdate,
      ctx(),
      snapshot([stock('A', 3, 3), stock('B', 1, 1), stock('C', 5)], two),
      { orderId: 'P', lines: [line('1', 'A', 5), line('3', 'C', 2)] },
    );
    expect(statuses(next)).toEqual([
      ['P', 'ReadyToPick', ['A', 3, 3]],
      ['P-BO1', 'AwaitingStock', ['A', 2, 0], ['C', 2, 2]],
    ]);
    expect(levels(next)).toEqual({ A: [3, 3], B: [1, 0], C: [5, 2] });
    familyAddsUp(next, 'P', [
      ['1', 5],
      ['3', 2],
    ]);
  });

  it('changes nothing when the family already adds up to what the channel says', () => {
    expectNoChange(
      decide(decideOrderUpdate, ctx(), snapshot([stock('A', 3, 3)], family()), {
        orderId: 'P',
        lines: [line('1', 'A', 8)],
      }).decision,
    );
  });
});

describe('decideChannelChange', () => {
  const ready = () => order('R', 'ReadyToPick', [['A', 5, 5]]);
  const kept = (extra: Partial<ChannelChange>): ChannelChange => ({
    orderId: 'R',
    version: '2026-11-28T09:10:00.000Z',
    cancelled: false,
    lines: [line('1', 'A', 3)],
    ...extra,
  });
  const withKept = (change: ChannelChange) => ({
    ...snapshot([stock('A', 5, 5)], [ready()]),
    channelChanges: [change],
  });

  it('applies the newer change kept instead of an older one delivered late', () => {
    const { next } = decide(decideChannelChange, ctx(), withKept(kept({})), {
      orderId: 'R',
      version: '2026-11-28T09:05:00.000Z',
      cancelled: false,
      lines: [line('1', 'A', 4)],
    });
    expect(linesOf(next.orders[0] as SaleOrder)).toEqual([['A', 3, 3]]);
  });

  it('applies the change itself when it is the newest', () => {
    const { next } = decide(decideChannelChange, ctx(), withKept(kept({})), {
      orderId: 'R',
      version: '2026-11-28T09:20:00.000Z',
      cancelled: false,
      lines: [line('1', 'A', 4)],
    });
    expect(linesOf(next.orders[0] as SaleOrder)).toEqual([['A', 4, 4]]);
  });

  it('lets a cancellation win at an equal version', () => {
    const { next } = decide(decideChannelChange, ctx(), withKept(kept({})), {
      orderId: 'R',
      version: '2026-11-28T09:10:00.000Z',
      cancelled: true,
    });
    expect(next.orders[0]?.status).toBe('Cancelled');
  });
});

describe('intake of an order the channel changed before it arrived', () => {
  const input = incoming('shopify-9', [['A', 5]], { channelVersion: '2026-11-28T09:00:00.000Z' });

  it('is created Cancelled and takes no stock when the channel cancelled it first', () => {
    const { decision, next } = decide(
      decideIntake,
      ctx(),
      { ...snapshot([stock('A', 5)]), channelChanges: [{ orderId: 'shopify-9', cancelled: true }] },
      input,
    );
    expect(next.orders[0]?.status).toBe('Cancelled');
    expect(decision.stock).toEqual([]);
    expect(decision.events).toEqual([]);
    expect(historyOf(decision, 'shopify-9').actions).toEqual(['received', 'cancelled']);
  });

  it("takes the channel's latest lines when they are newer than the order", () => {
    const early = {
      orderId: 'shopify-9',
      version: '2026-11-28T09:30:00.000Z',
      cancelled: false,
      lines: [line('1', 'A', 2)],
    };
    const { next } = decide(
      decideIntake,
      ctx(),
      { ...snapshot([stock('A', 5)]), channelChanges: [early] },
      input,
    );
    expect(linesOf(next.orders[0] as SaleOrder)).toEqual([['A', 2, 2]]);
  });

  it('ignores a kept change older than the order', () => {
    const early = { orderId: 'shopify-9', version: '2026-11-28T08:30:00.000Z', cancelled: true };
    const { next } = decide(
      decideIntake,
      ctx(),
      { ...snapshot([stock('A', 5)]), channelChanges: [early] },
      input,
    );
    expect(next.orders[0]?.status).toBe('ReadyToPick');
  });
});

import { decideChannelChange } from '../../../shared/allocation/channel-orders.js';
import type { DecisionContext, StateSnapshot } from '../../../shared/allocation/decision.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import type { ChannelChange } from '../../../shared/domain/channel-change.js';
import { decide, eventsOfType, expectNoChange, linesOf } from '../../support/engine-checks.js';
import { context, order, snapshot, stock } from '../../support/engine-fixtures.js';

/**
 * A channel change names the channel's order and carries its full list of lines (DESIGN §10): it
 * applies to the whole family as it is now, merged backorders included (DESIGN §14), and its repeat
 * changes nothing. Never a refusal for units a `Merged` backorder no longer holds.
 */
const ctx = (): DecisionContext =>
  context(
    { actor: { kind: 'channel', id: 'shopify' }, eventId: 'evt-change' },
    { tenant: { onShortage: 'split' } },
  );

const change = (
  orderId: string,
  lines: Array<[lineId: string, sku: string, quantity: number]>,
): ChannelChange => ({
  orderId,
  cancelled: false,
  lines: lines.map(([lineId, sku, quantity]) => ({ lineId, sku, quantity })),
});

const statuses = (next: StateSnapshot) => next.orders.map((o) => [o.orderId, o.status, ...linesOf(o)]);

const familyAddsUp = (next: StateSnapshot, lines: Array<[string, number]>) =>
  expect(findInvariantViolations(next.stock, next.orders, new Map([['P', new Map(lines)]]))).toEqual([]);

/** Applies the change, checks nothing was refused, and that delivering it again changes nothing. */
const applyTwice = (state: StateSnapshot, input: ChannelChange) => {
  const { decision, next } = decide(decideChannelChange, ctx(), state, input);
  expect(eventsOfType(decision, 'Order Change Refused')).toEqual([]);
  expect(decision.history.flatMap((entry) => entry.actions)).not.toContain('changeRefused');
  expectNoChange(decide(decideChannelChange, ctx(), next, input).decision);
  return { decision, next };
};

/** P ships all 5 × A: P-BO1 (3 of them) merged into it. */
const merged = () => {
  const parent = order('P', 'ReadyToPick', [['A', 5, 5]], { backorderIds: ['P-BO1'] });
  const backorder = order('P-BO1', 'Merged', [['A', 0, 0]], { parentId: 'P' });
  return { parent, backorder };
};

describe('a channel change to a family whose backorder merged (DESIGN §10, §14)', () => {
  it('moves a line to another SKU on the parent that now holds it', () => {
    const { parent, backorder } = merged();
    const { next } = applyTwice(
      snapshot([stock('A', 5, 5), stock('B', 5)], [parent, backorder]),
      change('P', [['1', 'B', 5]]),
    );
    expect(statuses(next)).toEqual([
      ['P', 'ReadyToPick', ['B', 5, 5]],
      ['P-BO1', 'Merged', ['A', 0, 0]],
    ]);
    familyAddsUp(next, [['1', 5]]);
  });

  it('takes a removed line off the parent that now holds it', () => {
    const { parent, backorder } = merged();
    parent.lines.push({ lineId: '2', sku: 'C', quantity: 1, allocated: 1 });
    const { next } = applyTwice(
      snapshot([stock('A', 5, 5), stock('C', 1, 1)], [parent, backorder]),
      change('P', [['2', 'C', 1]]),
    );
    expect(statuses(next)).toEqual([
      ['P', 'ReadyToPick', ['C', 1, 1]],
      ['P-BO1', 'Merged', ['A', 0, 0]],
    ]);
    familyAddsUp(next, [['2', 1]]);
  });

  it('addressed to a backorder, applies to the family: the backorder merges and the repeat is already applied', () => {
    const family = [
      order('P', 'ReadyToPick', [['A', 2, 2]], { backorderIds: ['P-BO1'] }),
      order('P-BO1', 'AwaitingStock', [['A', 3, 0]], { parentId: 'P' }),
    ];
    const { next } = applyTwice(snapshot([stock('A', 5, 2)], family), change('P-BO1', [['1', 'A', 4]]));
    expect(statuses(next)).toEqual([
      ['P', 'ReadyToPick', ['A', 4, 4]],
      ['P-BO1', 'Merged', ['A', 0, 0]],
    ]);
    familyAddsUp(next, [['1', 4]]);
  });
});

describe('a channel change to a split family whose backorder the channel moved to another SKU', () => {
  it('puts the line back on the open backorder when the parent already shipped its part', () => {
    const family = [
      order('P', 'Dispatched', [['A', 1, 0]], { backorderIds: ['P-BO1'] }),
      order('P-BO1', 'AwaitingStock', [['C', 1, 0]], { parentId: 'P' }),
    ];
    const first = family[0]?.lines[0];
    if (first) first.shipped = 1;
    const { next } = applyTwice(
      snapshot([stock('A', 0), stock('C', 0)], family),
      change('P', [['1', 'A', 2]]),
    );
    expect(statuses(next)).toEqual([
      ['P', 'Dispatched', ['A', 1, 0]],
      ['P-BO1', 'AwaitingStock', ['A', 1, 0]],
    ]);
    familyAddsUp(next, [['1', 2]]);
  });
});

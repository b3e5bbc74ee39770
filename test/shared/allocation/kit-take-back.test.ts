import { decideIntake } from '../../../shared/allocation/intake.js';
import { decideAdjustment } from '../../../shared/allocation/stock-movements.js';
import type { KitBook } from '../../../shared/domain/kit.js';
import { decide, levelOf, linesOf } from '../../support/engine-checks.js';
import { context, incoming, snapshot, stock } from '../../support/engine-fixtures.js';

const KITS: KitBook = {
  K: [
    { sku: 'A', quantity: 1 },
    { sku: 'B', quantity: 1 },
  ],
};

describe('taking a kit component back (DESIGN §4 rule 5, §14)', () => {
  it('serves the waiting orders with the other components the broken kit frees', () => {
    const ctx = { ...context(), kits: KITS };
    const kitOrder = decide(
      decideIntake,
      ctx,
      snapshot([stock('A', 2), stock('B', 2)]),
      incoming('o1', [['K', 2]]),
    );
    const waiting = decide(decideIntake, ctx, kitOrder.next, incoming('o2', [['A', 1]]));
    expect(waiting.next.orders.find((order) => order.orderId === 'o2')?.status).toBe('AwaitingStock');

    const { next } = decide(decideAdjustment, ctx, waiting.next, {
      adjustmentId: 'adj-1',
      warehouseId: 'main',
      lines: [{ sku: 'B', delta: -1 }],
    });

    const kit = next.orders.find((order) => order.orderId === 'o1');
    const plain = next.orders.find((order) => order.orderId === 'o2');
    expect(kit && linesOf(kit)).toEqual([
      ['A', 2, 1],
      ['B', 2, 1],
    ]);
    // The A the broken kit gave up goes to o2, which waits for it, rather than sitting free.
    expect(plain && linesOf(plain)).toEqual([['A', 1, 1]]);
    expect(plain?.status).toBe('ReadyToPick');
    expect(levelOf(next, 'A')).toEqual([2, 2]);
  });
});

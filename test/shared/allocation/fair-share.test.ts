import { dryRun } from '../../../shared/allocation/explain.js';
import { fairShares } from '../../../shared/allocation/fair-share.js';
import { decideReceipt } from '../../../shared/allocation/stock-movements.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import { decide, linesOf } from '../../support/engine-checks.js';
import { context, order, snapshot, stock } from '../../support/engine-fixtures.js';

describe('fairShares: pro rata by shortfall, largest remainder, ties in queue order', () => {
  it.each([
    [6, [4, 4, 4], [2, 2, 2]],
    [5, [4, 4, 4], [2, 2, 1]],
    [1, [4, 4, 4], [1, 0, 0]],
    [7, [6, 3, 1], [4, 2, 1]],
    [10, [1, 9], [1, 9]],
    [3, [1, 9], [0, 3]],
    [4, [2, 2, 4], [1, 1, 2]],
    [12, [4, 4, 4], [4, 4, 4]],
    [20, [4, 4, 4], [4, 4, 4]],
    [0, [4, 4], [0, 0]],
  ])('%i units over shortfalls %j give %j', (units, shortfalls, expected) => {
    const shares = fairShares(
      units,
      shortfalls.map((shortfall, index) => ({ id: `O${index}`, shortfall })),
    );
    expect(shortfalls.map((_, index) => shares.get(`O${index}`))).toEqual(expected);
    expect([...shares.values()].reduce((sum, share) => sum + share, 0)).toBe(
      Math.min(
        units,
        shortfalls.reduce((sum, shortfall) => sum + shortfall, 0),
      ),
    );
  });
});

describe('allocationMode fairShare on a receipt', () => {
  const receipt = (quantity: number) => ({
    receiptId: 'R-1',
    warehouseId: 'main',
    lines: [{ sku: 'A', quantity }],
  });
  const queue = (shortfalls: number[], extra: Partial<SaleOrder> = {}) =>
    shortfalls.map((quantity, index) =>
      order(`O${index + 1}`, 'AwaitingStock', [['A', quantity, 0]], {
        createdAt: `2026-11-28T0${index + 1}:00:00.000Z`,
        ...extra,
      }),
    );
  const served = (orders: readonly SaleOrder[]) =>
    orders
      .filter((candidate) => candidate.orderId.startsWith('O'))
      .sort((a, b) => (a.orderId < b.orderId ? -1 : 1))
      .map((candidate) => linesOf(candidate)[0]?.[2]);
  const FAIR: PolicyConfig = { tenant: { allocationMode: 'fairShare' } };

  it.each([
    ['fair share (tenant): 6 for three short 4 each', FAIR, [4, 4, 4], 6, [2, 2, 2]],
    [
      'fair share (SKU layer): 6 for three short 4 each',
      { skus: { A: { allocationMode: 'fairShare' } } },
      [4, 4, 4],
      6,
      [2, 2, 2],
    ],
    ['fair share: ties go in queue order', FAIR, [4, 4, 4], 5, [2, 2, 1]],
    ['fair share: by shortfall', FAIR, [6, 3, 1], 7, [4, 2, 1]],
    ['fair share with enough for all completes all', FAIR, [4, 4, 4], 12, [4, 4, 4]],
    ['queue (default) completes the first orders', {}, [4, 4, 4], 6, [4, 2, 0]],
    [
      'a channel layer cannot change a shared queue',
      { channels: { shopify: { allocationMode: 'fairShare' } } },
      [4, 4, 4],
      6,
      [4, 2, 0],
    ],
  ] as Array<[string, PolicyConfig, number[], number, number[]]>)(
    '%s',
    (_, policies, shortfalls, units, expected) => {
      const { next } = decide(
        decideReceipt,
        context({ eventId: 'evt-fair' }, policies),
        snapshot([stock('A', 0)], queue(shortfalls)),
        receipt(units),
      );
      expect(served(next.orders)).toEqual(expected);
    },
  );

  it('orders that take all or nothing do not share scarce stock', () => {
    const orders = [
      ...queue([4, 4]),
      order('O3', 'AwaitingStock', [['A', 4, 0]], { policyOverride: { onShortage: 'holdAll' } }),
    ];
    const { next } = decide(decideReceipt, context({}, FAIR), snapshot([stock('A', 0)], orders), receipt(6));
    expect(served(next.orders)).toEqual([3, 3, 0]);
  });

  it('a fill order does not share', () => {
    const orders = [
      ...queue([4, 4]),
      order('O3', 'AwaitingStock', [['A', 4, 0]], { policyOverride: { strategy: 'fill' } }),
    ];
    const { next } = decide(decideReceipt, context({}, FAIR), snapshot([stock('A', 0)], orders), receipt(4));
    expect(served(next.orders)).toEqual([2, 2, 0]);
  });

  it('the dry run states each share', () => {
    const { lines } = dryRun(
      decideReceipt,
      context({}, FAIR),
      snapshot([stock('A', 0)], queue([4, 4, 4])),
      receipt(6),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        '2 × A (main) → O1 line 1: Fair share from receipt R-1 (fair share of A): 2 of 6 × A, by shortfall 4 of 12.',
        '2 × A (main) → O3 line 1: Fair share from receipt R-1 (fair share of A): 2 of 6 × A, by shortfall 4 of 12.',
      ]),
    );
  });
});

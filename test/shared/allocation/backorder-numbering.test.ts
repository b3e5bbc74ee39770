import { backorderIdFor } from '../../../shared/allocation/split-order.js';
import { decideReceipt } from '../../../shared/allocation/stock-movements.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import { decide, orderAfter } from '../../support/engine-checks.js';
import { context, order, snapshot, stock } from '../../support/engine-fixtures.js';

describe('backorder numbering: numbered from the family root (DESIGN §2)', () => {
  it.each([
    ['a root with no backorder', 'P', [], [], 'P-BO1'],
    ['a root with one backorder', 'P', ['P-BO1'], [], 'P-BO2'],
    ['a backorder of the root', 'P-BO1', [], [], 'P-BO2'],
    ['a backorder with a sibling known', 'P-BO2', [], ['P-BO1', 'P-BO2'], 'P-BO3'],
    ['a backorder whose newer sibling is known', 'P-BO1', [], ['P-BO3'], 'P-BO4'],
    ['a root whose backorder split again', 'P', ['P-BO1'], ['P-BO1', 'P-BO2'], 'P-BO3'],
    ['ids of another family do not count', 'P-BO1', [], ['Q-BO7', 'PX-BO9'], 'P-BO2'],
    ['an old-style nested id', 'P-BO1-BO1', [], [], 'P-BO2'],
  ])('%s: %s splits into the next number', (_, orderId, backorderIds, known, expected) => {
    expect(backorderIdFor({ orderId, backorderIds }, known)).toBe(expected);
  });

  it('a split backorder served again splits into P-BO2, not P-BO1-BO1', () => {
    const policies: PolicyConfig = { tenant: { onShortage: 'split', mergeSiblings: false } };
    const parent = order('P', 'ReadyToPick', [['A', 2, 2]], { backorderIds: ['P-BO1'] });
    const backorder = order('P-BO1', 'AwaitingStock', [['A', 5, 0]], { parentId: 'P' });
    const { decision } = decide(
      decideReceipt,
      context({}, policies),
      snapshot([stock('A', 2, 2)], [parent, backorder]),
      { receiptId: 'R-1', warehouseId: 'main', lines: [{ sku: 'A', quantity: 2 }] },
    );
    expect(orderAfter(decision, 'P-BO1').backorderIds).toEqual(['P-BO2']);
    expect(orderAfter(decision, 'P-BO2')).toMatchObject({ parentId: 'P-BO1', status: 'AwaitingStock' });
  });
});

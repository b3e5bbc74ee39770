import { explainDecision } from '../../../shared/allocation/explain.js';
import { decideIntake } from '../../../shared/allocation/intake.js';
import { decideManualSplit } from '../../../shared/allocation/manual-acts.js';
import { decideReceipt } from '../../../shared/allocation/stock-movements.js';
import { SplitNotPossibleError } from '../../../shared/domain/errors.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { PolicyLayer } from '../../../shared/policy/policy.js';
import { decide, expectRefusal, linesOf, orderAfter } from '../../support/engine-checks.js';
import { context, incoming, order, snapshot, stock } from '../../support/engine-fixtures.js';

const tenant = (layer: PolicyLayer) =>
  context({}, { tenant: { onShortage: 'split', mergeSiblings: false, ...layer } });

describe('maxShipments: a split that would exceed it holds the rest instead (DESIGN §14)', () => {
  it.each([
    ['no cap', null, undefined, true],
    ['a cap of 2 allows the first split', 2, undefined, true],
    ['a cap of 1 holds instead', 1, undefined, false],
    ['an order override of 1 beats a tenant cap of 3', 3, { maxShipments: 1 }, false],
    ['an order override of 2 beats a tenant cap of 1', 1, { maxShipments: 2 }, true],
  ] as const)('at intake, %s', (_, cap, override, splits) => {
    const input = incoming('X', [['A', 5]], override ? { policyOverride: override } : {});
    const { decision } = decide(
      decideIntake,
      tenant({ maxShipments: cap }),
      snapshot([stock('A', 2)]),
      input,
    );
    const x = orderAfter(decision, 'X');
    if (splits) {
      expect(x).toMatchObject({ status: 'ReadyToPick', backorderIds: ['X-BO1'] });
    } else {
      expect(x).toMatchObject({ status: 'AwaitingStock', backorderIds: [] });
      expect(linesOf(x)).toEqual([['A', 5, 2]]);
      expect(explainDecision(decision).join('\n')).toMatch(
        /a split would make 2 shipments, more than maxShipments 1: held with what is available/i,
      );
    }
  });

  const family = (): SaleOrder[] => [
    order('P', 'ReadyToPick', [['A', 2, 2]], { backorderIds: ['P-BO1'] }),
    order('P-BO1', 'AwaitingStock', [['A', 5, 0]], { parentId: 'P' }),
  ];
  const receiveTwo = (cap: number | null) =>
    decide(decideReceipt, tenant({ maxShipments: cap }), snapshot([stock('A', 2, 2)], family()), {
      receiptId: 'R-1',
      warehouseId: 'main',
      lines: [{ sku: 'A', quantity: 2 }],
    });

  it.each([
    [null, true],
    [3, true],
    [2, false],
  ])('a partly served backorder under a cap of %s splits again: %s', (cap, splits) => {
    const { decision } = receiveTwo(cap);
    const backorder = orderAfter(decision, 'P-BO1');
    if (splits) {
      expect(backorder).toMatchObject({ status: 'ReadyToPick', backorderIds: ['P-BO2'] });
    } else {
      expect(backorder).toMatchObject({ status: 'AwaitingStock', backorderIds: [] });
      expect(linesOf(backorder)).toEqual([['A', 5, 2]]);
      expect(explainDecision(decision).join('\n')).toMatch(
        /a split would make 3 shipments, more than maxShipments 2: held with what is available/i,
      );
    }
  });

  it('a person cannot split past the cap: refused, nothing changes', () => {
    const state = snapshot([stock('A', 2, 2)], [order('W', 'AwaitingStock', [['A', 5, 2]])]);
    expectRefusal(
      decideManualSplit,
      tenant({ maxShipments: 1 }),
      state,
      { orderId: 'W', reason: 'ship what we have' },
      { type: SplitNotPossibleError, code: 'SPLIT_NOT_POSSIBLE', details: { maxShipments: 1 } },
    );
  });
});

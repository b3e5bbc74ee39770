/**
 * Uncontended intake, one order at a time with the policy cache warm: what one order costs in
 * requests, and in modelled write capacity per line that took stock.
 */
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { atMost, type Figure, measured, ratio } from '../figures.js';
import { type BenchHarness, createBenchHarness, TENANT } from '../harness.js';
import { allocatedLines, channelOrder, skuNames } from '../orders.js';

const ORDERS_PER_CASE = 25;
const PLENTY = 1_000_000;

interface CaseCost {
  requestsPerOrder: number;
  wcuPerLine: number;
}

const intakeCost = async (harness: BenchHarness, orders: readonly IncomingOrder[]): Promise<CaseCost> => {
  harness.resetTally();
  let lines = 0;
  for (const input of orders) {
    const outcome = await receiveOrder(harness.ports, TENANT, input, `evt-${input.orderId}`);
    if (outcome.kind === 'accepted') lines += allocatedLines([outcome.order]);
  }
  return {
    requestsPerOrder: ratio(harness.tally.requests, orders.length),
    wcuPerLine: ratio(harness.tally.modelledWcu, lines),
  };
};

const numbered = (prefix: string, make: (orderId: string, index: number) => IncomingOrder) =>
  Array.from({ length: ORDERS_PER_CASE }, (_, index) => make(`${prefix}-${index + 1}`, index));

export const uncontendedIntake = async (): Promise<Figure[]> => {
  const harness = await createBenchHarness('uncontended');
  try {
    const there = skuNames('THERE', 5);
    const none = skuNames('NONE', 2);
    for (const sku of there) await harness.addStock(sku, PLENTY);
    // Short single-line orders find 1 of the 2 units they ask for, each on its own SKU.
    const shortSkus = skuNames('SHORT', ORDERS_PER_CASE);
    for (const sku of shortSkus) await harness.addStock(sku, 1);
    await harness.ports.repository.loadPolicies(TENANT);

    const single = await intakeCost(
      harness,
      numbered('single', (id) => channelOrder(id, there.slice(0, 1))),
    );
    const singleShort = await intakeCost(
      harness,
      numbered('single-short', (id, index) => channelOrder(id, [shortSkus[index] as string], 2)),
    );
    const five = await intakeCost(
      harness,
      numbered('five', (id) => channelOrder(id, there)),
    );
    const fiveShort = await intakeCost(
      harness,
      numbered('five-short', (id) => channelOrder(id, [...there.slice(0, 3), ...none])),
    );
    return [
      atMost(
        1,
        measured(
          'uncontended.requestsPerOrder',
          '1-line order, stock there: requests',
          single.requestsPerOrder,
        ),
      ),
      atMost(
        2,
        measured(
          'uncontended.requestsPerOrderShort',
          '1-line order, stock short: requests',
          singleShort.requestsPerOrder,
        ),
      ),
      atMost(
        4,
        measured(
          'uncontended.wcuPerLineSingleLine',
          '1-line order, stock there: WCU per line',
          single.wcuPerLine,
        ),
      ),
      measured(
        'uncontended.wcuPerLineSingleLineShort',
        '1-line order, stock short: WCU per allocated line',
        singleShort.wcuPerLine,
      ),
      measured(
        'uncontended.fiveLine.requestsPerOrder',
        '5-line order, stock there: requests',
        five.requestsPerOrder,
      ),
      measured(
        'uncontended.fiveLine.requestsPerOrderShort',
        '5-line order, 2 lines short: requests',
        fiveShort.requestsPerOrder,
      ),
      measured('uncontended.fiveLine.wcuPerLine', '5-line order, stock there: WCU per line', five.wcuPerLine),
      measured(
        'uncontended.fiveLine.wcuPerLineShort',
        '5-line order, 2 lines short: WCU per allocated line',
        fiveShort.wcuPerLine,
      ),
    ];
  } finally {
    await harness.drop();
  }
};

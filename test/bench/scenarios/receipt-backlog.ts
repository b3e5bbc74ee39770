/**
 * A receipt for one SKU while thousands of orders of other SKUs wait: its reads must not grow
 * with that backlog (DESIGN §8: cost grows with the work, not with the backlog).
 */
import { receiveStock } from '../../../shared/use-cases/receive-stock.js';
import { type Figure, measured, sameAs } from '../figures.js';
import { type BenchHarness, createBenchHarness, TENANT, WAREHOUSE } from '../harness.js';
import { channelOrder, skuNames } from '../orders.js';
import { seedWaitingOrders } from '../seed-waiting.js';

const OTHER_SKUS = skuNames('OTHER', 100);
/** Orders waiting for the received SKU, and the units received: two pages of its queue are read. */
const WAITING_FOR_RECEIPT = 60;
const RECEIVED_UNITS = 30;

const waitingOthers = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, index) =>
    channelOrder(`other-${from + index + 1}`, [OTHER_SKUS[(from + index) % OTHER_SKUS.length] as string]),
  );

/** Seeds the received SKU's own queue, then measures one receipt for it. */
const receiptCost = async (harness: BenchHarness, sku: string) => {
  await seedWaitingOrders(
    harness,
    Array.from({ length: WAITING_FOR_RECEIPT }, (_, index) => channelOrder(`${sku}-${index + 1}`, [sku])),
  );
  // Seeding takes longer than the policy cache lasts: a re-read here would be the cache, not the backlog.
  await harness.ports.repository.loadPolicies(TENANT);
  harness.resetTally();
  const outcome = await receiveStock(
    harness.ports,
    TENANT,
    { receiptId: `receipt-${sku}`, warehouseId: WAREHOUSE, lines: [{ sku, quantity: RECEIVED_UNITS }] },
    `evt-receipt-${sku}`,
  );
  const served =
    outcome.kind === 'applied'
      ? outcome.decisions.flatMap((decision) => decision.steps).filter((step) => step.quantity > 0).length
      : 0;
  return { requests: harness.tally.requests, itemsRead: harness.tally.itemsRead, served };
};

export const receiptWithBacklog = async (): Promise<Figure[]> => {
  const harness = await createBenchHarness('receipt');
  try {
    await seedWaitingOrders(harness, waitingOthers(0, 1_000));
    const small = await receiptCost(harness, 'RECEIVED-1');
    await seedWaitingOrders(harness, waitingOthers(1_000, 20_000));
    const large = await receiptCost(harness, 'RECEIVED-2');
    const itemsRead1k = measured(
      'receipt.itemsRead1k',
      'receipt, 1,000 others waiting: items read',
      small.itemsRead,
    );
    return [
      measured('receipt.ordersServed1k', 'receipt, 1,000 others waiting: orders served', small.served),
      measured('receipt.requests1k', 'receipt, 1,000 others waiting: requests', small.requests),
      itemsRead1k,
      measured('receipt.ordersServed20k', 'receipt, 20,000 others waiting: orders served', large.served),
      measured('receipt.requests20k', 'receipt, 20,000 others waiting: requests', large.requests),
      sameAs(
        itemsRead1k,
        measured('receipt.itemsRead20k', 'receipt, 20,000 others waiting: items read', large.itemsRead),
      ),
    ];
  } finally {
    await harness.drop();
  }
};

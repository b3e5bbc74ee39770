/**
 * Confirmation strategies and fair share (DESIGN §14): a `win` intake on a SKU with a long queue
 * must read only the holders it takes from (not the queue), and a receipt under fair share reads
 * the SKU's whole queue, since every waiting order has a claim on scarce units.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { policyKey } from '../../../shared/adapters/dynamodb/keys.js';
import type { PolicyConfig } from '../../../shared/policy/policy.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { receiveStock } from '../../../shared/use-cases/receive-stock.js';
import { atMost, type Figure, measured, sameAs } from '../figures.js';
import { type BenchHarness, createBenchHarness, TENANT, WAREHOUSE } from '../harness.js';
import { channelOrder } from '../orders.js';
import { seedWaitingOrders } from '../seed-waiting.js';

const HOLDERS = 5;
const HELD_EACH = 2;
const WIN_UNITS = 4;
const FAIR_WAITING = 1_000;
const FAIR_RECEIVED = 300;

const setPolicies = (harness: BenchHarness, config: PolicyConfig) =>
  harness.client.send(
    new PutCommand({ TableName: harness.tableName, Item: { ...policyKey(TENANT), config } }),
  );

/** `HOLDERS` Ready to Pick orders of the SKU, then `waiting` orders queued behind them; measures a win intake. */
const winIntakeCost = async (harness: BenchHarness, sku: string, waiting: number) => {
  await harness.addStock(sku, HOLDERS * HELD_EACH);
  for (let index = 0; index < HOLDERS; index++)
    await receiveOrder(
      harness.ports,
      TENANT,
      channelOrder(`${sku}-holder-${index}`, [sku], HELD_EACH),
      `evt-${sku}-holder-${index}`,
    );
  await seedWaitingOrders(
    harness,
    Array.from({ length: waiting }, (_, index) => channelOrder(`${sku}-waiting-${index + 1}`, [sku])),
  );
  await harness.ports.repository.loadPolicies(TENANT);
  harness.resetTally();
  const outcome = await receiveOrder(
    harness.ports,
    TENANT,
    { ...channelOrder(`${sku}-winner`, [sku], WIN_UNITS), policyOverride: { strategy: 'win' } },
    `evt-${sku}-winner`,
  );
  const taken =
    outcome.kind === 'accepted' && outcome.order.status === 'ReadyToPick'
      ? outcome.decision.steps
          .filter((step) => step.quantity < 0)
          .reduce((sum, step) => sum - step.quantity, 0)
      : 0;
  return { requests: harness.tally.requests, itemsRead: harness.tally.itemsRead, taken };
};

const fairReceiptCost = async (harness: BenchHarness, sku: string) => {
  await seedWaitingOrders(
    harness,
    Array.from({ length: FAIR_WAITING }, (_, index) => channelOrder(`${sku}-${index + 1}`, [sku])),
  );
  await harness.ports.repository.loadPolicies(TENANT);
  harness.resetTally();
  const outcome = await receiveStock(
    harness.ports,
    TENANT,
    { receiptId: `receipt-${sku}`, warehouseId: WAREHOUSE, lines: [{ sku, quantity: FAIR_RECEIVED }] },
    `evt-receipt-${sku}`,
  );
  const served =
    outcome.kind === 'applied'
      ? outcome.decisions.flatMap((decision) => decision.steps).filter((step) => step.quantity > 0).length
      : 0;
  return { requests: harness.tally.requests, itemsRead: harness.tally.itemsRead, served };
};

export const strategiesAndFairShare = async (): Promise<Figure[]> => {
  const harness = await createBenchHarness('strategies');
  try {
    await setPolicies(harness, { skus: { 'FAIR-1': { allocationMode: 'fairShare' } } });
    const small = await winIntakeCost(harness, 'WIN-1', 1_000);
    const large = await winIntakeCost(harness, 'WIN-2', 20_000);
    const fair = await fairReceiptCost(harness, 'FAIR-1');
    const itemsRead1k = measured(
      'strategies.winItemsRead1k',
      'win intake, 1,000 waiting: items read',
      small.itemsRead,
    );
    return [
      measured('strategies.winUnitsTaken1k', 'win intake, 1,000 waiting: units taken', small.taken),
      measured('strategies.winRequests1k', 'win intake, 1,000 waiting: requests', small.requests),
      itemsRead1k,
      measured('strategies.winUnitsTaken20k', 'win intake, 20,000 waiting: units taken', large.taken),
      measured('strategies.winRequests20k', 'win intake, 20,000 waiting: requests', large.requests),
      sameAs(
        itemsRead1k,
        measured('strategies.winItemsRead20k', 'win intake, 20,000 waiting: items read', large.itemsRead),
      ),
      measured(
        'strategies.fairOrdersServed1k',
        'fair-share receipt of 300, 1,000 waiting: orders served',
        fair.served,
      ),
      measured(
        'strategies.fairRequests1k',
        'fair-share receipt of 300, 1,000 waiting: requests',
        fair.requests,
      ),
      // The whole queue is read once: each waiting order's index entry and the order itself.
      atMost(
        2 * FAIR_WAITING + 10,
        measured(
          'strategies.fairItemsRead1k',
          'fair-share receipt of 300, 1,000 waiting: items read',
          fair.itemsRead,
        ),
      ),
    ];
  } finally {
    await harness.drop();
  }
};

/**
 * A burst of orders for one hot SKU: how often its stock item is written per line allocated, and
 * the ceiling that puts on the SKU at DynamoDB's per-partition write limit.
 */
import { intakeBurst } from '../burst.js';
import { atLeast, atMost, type Figure, measured, ratio } from '../figures.js';
import { type BenchHarness, createBenchHarness, TENANT, WAREHOUSE } from '../harness.js';
import { channelOrder } from '../orders.js';

const BURST = 1_000;
const CONCURRENCY = 16;
/** DynamoDB's write limit for one partition, which one stock item lives in. */
const PARTITION_WCU_PER_SECOND = 1_000;
/** The stock item is under 1 KB and written inside transactions, which bill double. */
const WCU_PER_STOCK_WRITE = 2;

const MODES = [
  { name: 'single', label: 'one by one', batchSize: 1 },
  { name: 'batch10', label: 'batches of 10', batchSize: 10 },
  { name: 'batch100', label: 'batches of 100', batchSize: 100 },
] as const;

const burstFigures = async (harness: BenchHarness, mode: (typeof MODES)[number]) => {
  const sku = `HOT-${mode.name}`;
  await harness.addStock(sku, BURST);
  harness.resetTally();
  const orders = Array.from({ length: BURST }, (_, index) => channelOrder(`${sku}-${index + 1}`, [sku]));
  const burst = await intakeBurst(harness, orders, { batchSize: mode.batchSize, concurrency: CONCURRENCY });
  const { requests, stockWrites } = harness.tally;
  const failedTransactions = harness.transactions.failed;
  // Every order asks for one unit, so the units allocated are the lines allocated.
  const [level] = await harness.ports.repository.loadStock(TENANT, [{ warehouseId: WAREHOUSE, sku }]);
  const lines = level?.allocated ?? 0;
  const stockWritesPerLine = ratio(stockWrites, lines);
  const key = (name: string) => `hotSku.${mode.name}.${name}`;
  const label = (text: string) => `hot SKU, ${mode.label}: ${text}`;
  return {
    stockWritesPerLine,
    projected: ratio(PARTITION_WCU_PER_SECOND, stockWritesPerLine * WCU_PER_STOCK_WRITE),
    figures: [
      measured(key('linesAllocated'), label('lines allocated'), lines),
      measured(key('failedOrders'), label('orders failed'), burst.failed),
      measured(key('requestsPerOrder'), label('requests per order'), ratio(requests, BURST)),
      measured(key('stockWritesPerLine'), label('stock writes per line'), stockWritesPerLine),
      measured(key('failedTransactions'), label('failed transactions'), failedTransactions),
      measured(
        key('localLinesPerSecond'),
        label('lines/s on DynamoDB Local'),
        ratio(lines * 1000, burst.elapsedMs),
      ),
    ],
  };
};

export const hotSkuBurst = async (): Promise<Figure[]> => {
  const harness = await createBenchHarness('hot-sku');
  try {
    await harness.ports.repository.loadPolicies(TENANT);
    const [single, batch10, batch100] = [
      await burstFigures(harness, MODES[0]),
      await burstFigures(harness, MODES[1]),
      await burstFigures(harness, MODES[2]),
    ];
    const batch10Label = (text: string) => `hot SKU, batches of 10: ${text}`;
    return [
      ...single.figures,
      ...batch10.figures,
      ...batch100.figures,
      atMost(
        0.1,
        measured(
          'hotSku.stockWritesPerLineBatched',
          batch10Label('stock writes per line'),
          batch10.stockWritesPerLine,
        ),
      ),
      atLeast(
        5_000,
        measured(
          'hotSku.projectedLinesPerSecond',
          batch10Label('projected lines/s at 1,000 WCU/s'),
          batch10.projected,
        ),
      ),
      measured(
        'hotSku.projectedLinesPerSecondBatch100',
        'hot SKU, batches of 100: projected lines/s at 1,000 WCU/s',
        batch100.projected,
      ),
    ];
  } finally {
    await harness.drop();
  }
};

/**
 * Allocation throughput under a hot-SKU burst, as a ratio to the raw conditional-update rate of
 * the same DynamoDB Local in the same run (DESIGN §8), so the machine's speed cancels out.
 */
import { intakeBurst } from '../burst.js';
import { cpuTimeMs } from '../cpu-time.js';
import { atLeast, type Figure, measured, ratio } from '../figures.js';
import { type BenchHarness, createBenchHarness, TENANT, WAREHOUSE } from '../harness.js';
import { channelOrder } from '../orders.js';
import { rawConditionalUpdates } from '../raw-updates.js';

const CONCURRENCY = 16;
const BATCH_SIZE = 10;
/**
 * The JVM under DynamoDB Local keeps speeding up as it compiles and stalls as it collects
 * garbage, so one long run of each kind would mostly measure when it ran. Short rounds of both,
 * taken in turn (the first only to warm up), and the median of their ratios, see the same machine.
 */
const ROUNDS = 8;
const RAW_UPDATES_PER_ROUND = 600;
/** Two batches per caller. */
const ORDERS_PER_ROUND = 2 * CONCURRENCY * BATCH_SIZE;

interface Measured {
  /** Updates, or lines allocated. */
  done: number;
  elapsedMs: number;
  cpuMs: number;
}

const measuring = async (work: () => Promise<{ done: number; elapsedMs: number }>): Promise<Measured> => {
  const cpuBefore = cpuTimeMs() ?? Number.NaN;
  const result = await work();
  return { ...result, cpuMs: (cpuTimeMs() ?? Number.NaN) - cpuBefore };
};

const allocationRound = (harness: BenchHarness, sku: string) =>
  measuring(async () => {
    await harness.addStock(sku, ORDERS_PER_ROUND);
    const orders = Array.from({ length: ORDERS_PER_ROUND }, (_, index) =>
      channelOrder(`${sku}-${index + 1}`, [sku]),
    );
    const burst = await intakeBurst(harness, orders, { batchSize: BATCH_SIZE, concurrency: CONCURRENCY });
    const [level] = await harness.ports.repository.loadStock(TENANT, [{ warehouseId: WAREHOUSE, sku }]);
    return { done: level?.allocated ?? 0, elapsedMs: burst.elapsedMs };
  });

const rawRound = (harness: BenchHarness, sku: string) =>
  measuring(async () => {
    const perSecond = await rawConditionalUpdates(harness, sku, {
      updates: RAW_UPDATES_PER_ROUND,
      concurrency: CONCURRENCY,
    });
    return { done: RAW_UPDATES_PER_ROUND, elapsedMs: (RAW_UPDATES_PER_ROUND * 1000) / perSecond };
  });

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

const perSecond = (run: Measured) => ratio(run.done * 1000, run.elapsedMs);
const total = (runs: readonly Measured[], field: keyof Measured) =>
  runs.reduce((sum, run) => sum + run[field], 0);
const perCpuSecond = (runs: readonly Measured[]) => ratio(total(runs, 'done') * 1000, total(runs, 'cpuMs'));

export const allocationThroughput = async (): Promise<Figure[]> => {
  const harness = await createBenchHarness('throughput');
  try {
    await harness.ports.repository.loadPolicies(TENANT);
    await rawRound(harness, 'RAW-warm-up');
    await allocationRound(harness, 'HOT-warm-up');
    const raw: Measured[] = [];
    const allocations: Measured[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternating which goes first keeps either from always meeting the other's leftovers.
      if (round % 2 === 0) raw.push(await rawRound(harness, `RAW-${round}`));
      allocations.push(await allocationRound(harness, `HOT-${round}`));
      if (round % 2 === 1) raw.push(await rawRound(harness, `RAW-${round}`));
    }
    const ratios = allocations.map((run, index) => ratio(perSecond(run), perSecond(raw[index] as Measured)));
    const label = (text: string) => `throughput, ${CONCURRENCY} callers: ${text}`;
    return [
      measured(
        'throughput.rawUpdatesPerSecond',
        label('raw conditional UpdateItem/s (median)'),
        median(raw.map(perSecond)),
      ),
      measured(
        'throughput.allocationsPerSecond',
        label(`lines allocated/s in batches of ${BATCH_SIZE} (median)`),
        median(allocations.map(perSecond)),
      ),
      atLeast(
        0.5,
        measured('throughputRatio', label(`allocations ÷ raw updates (median of ${ROUNDS})`), median(ratios)),
      ),
      measured('throughput.ratioLowest', label('… lowest round'), Math.min(...ratios)),
      measured('throughput.ratioHighest', label('… highest round'), Math.max(...ratios)),
      measured(
        'throughput.cpuRatio',
        label('allocations ÷ raw updates per CPU second'),
        ratio(perCpuSecond(allocations), perCpuSecond(raw)),
      ),
    ];
  } finally {
    await harness.drop();
  }
};

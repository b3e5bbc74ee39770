/**
 * The whole local pipeline under load (`npm run bench -- --only pipeline`): the local runtime
 * started as `npm start` starts it (on loopback, PORT or a free port, a data folder of its own),
 * fed signed webhooks over HTTP (webhook-load.ts), a third on one hot SKU that runs short, the rest
 * on 100 cold SKUs. After a warm-up, two phases:
 * - latency: BENCH_PIPELINE_LATENCY_RATE webhooks/s (default 10, below capacity) for
 *   BENCH_PIPELINE_LATENCY_SECONDS (default 10), webhook to decision p50 and p99;
 * - capacity: BENCH_PIPELINE_RATE webhooks/s (default 200, above capacity: offers that find
 *   BENCH_PIPELINE_IN_FLIGHT requests (default 32) unanswered are not sent) for
 *   BENCH_PIPELINE_SECONDS (default 15). Throughput is the orders decided over the time from the
 *   send of the first accepted webhook to the last decision, backlog drained included: what the
 *   pipeline sustains, not what was offered.
 * Then the same number of orders (same SKU mix, on SKUs of their own stocked alike) is decided by
 * calling the allocator's use case, `receiveOrders`, directly on the same DynamoDB Local, in
 * batches of the mean size the allocator's queue delivered during the capacity phase (as SQS gave
 * them), four at a time. The ratio of the two throughputs is what the pipeline (webhook function,
 * bus, queue, allocator) keeps of the use case's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { receiveStockLines } from '../../support/stock-receipt.js';
import { atLeast, type Figure, measured } from '../figures.js';
import { groupsOf, runPool } from '../pool.js';
import { offerWebhooks, percentile, type WebhookTarget } from '../webhook-load.js';

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const LATENCY_RATE = setting('BENCH_PIPELINE_LATENCY_RATE', 10);
const LATENCY_SECONDS = setting('BENCH_PIPELINE_LATENCY_SECONDS', 10);
const RATE = setting('BENCH_PIPELINE_RATE', 200);
const SECONDS = setting('BENCH_PIPELINE_SECONDS', 15);
const IN_FLIGHT = setting('BENCH_PIPELINE_IN_FLIGHT', 32);
const DRAIN_MS = 120_000;
const DIRECT_CONCURRENCY = 4;
const COLD_SKUS = Array.from({ length: 100 }, (_, index) => `COLD-${String(index + 1).padStart(3, '0')}`);
const progress = (text: string) => process.stderr.write(`pipeline: ${text}\n`);

/** Order `index`: every third on the hot SKU, the rest spread over the cold ones. */
const skuOf = (prefix: string, index: number) =>
  index % 3 === 0 ? `${prefix}HOT` : `${prefix}${COLD_SKUS[index % COLD_SKUS.length]}`;

export const pipeline = async (): Promise<Figure[]> => {
  const capacityOffers = Math.round(RATE * SECONDS);
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-pipeline-'));
  const { startRuntime } = await import('../../../infra/local/runtime/runtime.js');
  progress('starting the local runtime (synthesis may take a minute)…');
  const runtime = await startRuntime({
    fresh: true,
    dataDir,
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 0),
    functionEnv: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    log: () => undefined,
  });
  try {
    const tenantId = runtime.demoTenant.tenantId;
    const wiring = runtime.wiring('allocator');
    const stock = (prefix: string) =>
      receiveStockLines(wiring.allocation, tenantId, `${prefix}stock`, [
        [`${prefix}HOT`, Math.ceil(capacityOffers / 6)],
        ...COLD_SKUS.map((sku): [string, number] => [`${prefix}${sku}`, capacityOffers]),
      ]);
    await stock('');
    await stock('D-');
    const target: WebhookTarget = {
      baseUrl: runtime.baseUrl as string,
      tenantId,
      secret: runtime.demoTenant.webhookSecrets.orders,
      documents: wiring.documents,
      tableName: wiring.tableName,
      skuOf: (index) => skuOf('', index),
    };
    const load = { maxInFlight: IN_FLIGHT, drainMs: DRAIN_MS, progress };

    // Warm: each function's process has loaded and made its first calls before the clock starts.
    progress('warming the functions…');
    await offerWebhooks(target, { ...load, prefix: 'w', rate: 5, seconds: 1, pollMs: 100 });

    progress(`latency: ${LATENCY_RATE} webhooks/s for ${LATENCY_SECONDS} s…`);
    const latency = await offerWebhooks(target, {
      ...load,
      prefix: 'l',
      rate: LATENCY_RATE,
      seconds: LATENCY_SECONDS,
      pollMs: 100,
    });

    progress(`capacity: ${RATE} webhooks/s offered for ${SECONDS} s, at most ${IN_FLIGHT} in flight…`);
    const delivered = () => runtime.queueDeliveries().get('allocator') ?? { batches: 0, messages: 0 };
    const before = delivered();
    const capacity = await offerWebhooks(target, {
      ...load,
      prefix: 'c',
      rate: RATE,
      seconds: SECONDS,
      pollMs: 250,
    });
    const after = delivered();
    const meanBatch = (after.messages - before.messages) / Math.max(1, after.batches - before.batches);
    const pipelineRate = capacity.decided / (capacity.spanMs / 1000);
    const batchSize = Math.max(1, Math.round(meanBatch));
    progress(
      `decided ${capacity.decided} of ${capacity.accepted} accepted, ${pipelineRate.toFixed(1)}/s; ` +
        `deciding the same orders directly in batches of ${batchSize}…`,
    );

    const direct: IncomingOrder[] = Array.from({ length: capacity.decided }, (_, index) => ({
      orderId: `orders-d${index}`,
      warehouseId: 'main',
      channel: 'orders',
      channelOrderId: `d${index}`,
      customer: { name: 'Ada Lovelace' },
      createdAt: new Date().toISOString(),
      lines: [{ lineId: '1', sku: skuOf('D-', index), quantity: 1 }],
    }));
    const directMs = await runPool(groupsOf(direct, batchSize), DIRECT_CONCURRENCY, async (group) => {
      await receiveOrders(
        wiring.allocation,
        tenantId,
        group.map((input) => ({ input, eventId: `direct-${input.orderId}` })),
      );
    });
    const directRate = direct.length / (directMs / 1000);
    return [
      measured(
        'pipeline.latencyOfferedPerSecond',
        'pipeline, latency phase: webhooks offered per second',
        LATENCY_RATE,
      ),
      measured('pipeline.latencyDecided', 'pipeline, latency phase: orders decided', latency.decided),
      measured(
        'pipeline.latencyP50Ms',
        'pipeline: webhook to decision, p50 (ms)',
        Math.round(percentile(latency.latencies, 50)),
      ),
      measured(
        'pipeline.latencyP99Ms',
        'pipeline: webhook to decision, p99 (ms)',
        Math.round(percentile(latency.latencies, 99)),
      ),
      measured('pipeline.offeredPerSecond', 'pipeline, capacity phase: webhooks offered per second', RATE),
      measured('pipeline.accepted', 'pipeline, capacity phase: webhooks accepted', capacity.accepted),
      measured(
        'pipeline.notSent',
        'pipeline, capacity phase: refused or not sent (in-flight bound)',
        capacity.notSent,
      ),
      measured('pipeline.decided', 'pipeline, capacity phase: orders decided', capacity.decided),
      measured('pipeline.allocatorBatchMean', 'pipeline: mean SQS batch the allocator got', meanBatch),
      measured('pipeline.ordersPerSecond', 'pipeline: orders decided per second at capacity', pipelineRate),
      measured(
        'pipeline.directOrdersPerSecond',
        'receiveOrders called directly: orders per second',
        directRate,
      ),
      atLeast(
        0.3,
        measured(
          'pipeline.throughputRatio',
          'pipeline vs use case directly: throughput ratio',
          pipelineRate / directRate,
        ),
      ),
    ];
  } finally {
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

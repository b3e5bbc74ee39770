/**
 * The whole local pipeline under load (`npm run bench -- --only pipeline`): the local runtime
 * started as `npm start` starts it (on loopback, PORT or a free port, a data folder of its own),
 * fed signed webhooks over HTTP (webhook-load.ts), a third on one hot SKU that runs short, the rest
 * on 100 cold SKUs. First a warm-up of both paths (DynamoDB Local's JVM compiles as it goes), then:
 * - capacity: BENCH_PIPELINE_RATE webhooks/s (default 200, above capacity: offers that find
 *   BENCH_PIPELINE_IN_FLIGHT requests (default 32) unanswered are not sent) for
 *   BENCH_PIPELINE_SECONDS (default 15). Throughput is the orders decided over the time from the
 *   send of the first accepted webhook to the last decision, backlog drained included: what the
 *   pipeline sustains, not what was offered.
 * - direct: the same number of orders (same SKU mix, on SKUs of their own stocked alike) decided
 *   by the allocator's use case, `receiveOrders`, called directly on the same DynamoDB Local, in
 *   batches of the mean size the allocator's queue delivered during the capacity phase (as SQS
 *   gave them), four at a time. The ratio of the two throughputs is what the pipeline (webhook
 *   function, bus, queue, allocator) keeps of the use case's.
 * - latency: BENCH_PIPELINE_LATENCY_RATE webhooks/s (default half the capacity measured, so no
 *   queue builds up) for BENCH_PIPELINE_LATENCY_SECONDS (default: long enough for 60 orders, 10 to
 *   60 s, so that p99 is not just the slowest of a few), webhook to decision p50 and p99.
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
const LATENCY_RATE = process.env.BENCH_PIPELINE_LATENCY_RATE
  ? Number(process.env.BENCH_PIPELINE_LATENCY_RATE)
  : undefined;
const LATENCY_SECONDS = process.env.BENCH_PIPELINE_LATENCY_SECONDS
  ? Number(process.env.BENCH_PIPELINE_LATENCY_SECONDS)
  : undefined;
const LATENCY_ORDERS = 60;
const RATE = setting('BENCH_PIPELINE_RATE', 200);
const SECONDS = setting('BENCH_PIPELINE_SECONDS', 15);
const IN_FLIGHT = setting('BENCH_PIPELINE_IN_FLIGHT', 32);
const DRAIN_MS = 120_000;
const DIRECT_CONCURRENCY = 4;
const WARM_DIRECT_ORDERS = 300;
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
    await stock('W-');
    /** `count` orders on `prefix`'s SKUs decided by the use case itself; resolves to the time taken (ms). */
    const decideDirectly = (prefix: string, count: number, batchSize: number) => {
      const orders: IncomingOrder[] = Array.from({ length: count }, (_, index) => ({
        orderId: `orders-${prefix}${index}`,
        warehouseId: 'main',
        channel: 'orders',
        channelOrderId: `${prefix}${index}`,
        customer: { name: 'Ada Lovelace' },
        createdAt: new Date().toISOString(),
        lines: [{ lineId: '1', sku: skuOf(prefix, index), quantity: 1 }],
      }));
      return runPool(groupsOf(orders, batchSize), DIRECT_CONCURRENCY, async (group) => {
        await receiveOrders(
          wiring.allocation,
          tenantId,
          group.map((input) => ({ input, eventId: `direct-${input.orderId}` })),
        );
      });
    };
    const target: WebhookTarget = {
      baseUrl: runtime.baseUrl as string,
      tenantId,
      secret: runtime.demoTenant.webhookSecrets.orders,
      documents: wiring.documents,
      tableName: wiring.tableName,
      skuOf: (index) => skuOf('', index),
    };
    const load = { maxInFlight: IN_FLIGHT, drainMs: DRAIN_MS, progress };

    // Warm: each function's process has loaded and made its calls, and DynamoDB Local's JVM has
    // compiled what both paths run, before either is timed (a cold JVM costs several times the CPU).
    progress('warming the functions and DynamoDB Local…');
    await offerWebhooks(target, { ...load, prefix: 'w', rate: 10, seconds: 5, pollMs: 250 });
    await decideDirectly('W-', WARM_DIRECT_ORDERS, 10);

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

    const directMs = await decideDirectly('D-', capacity.decided, batchSize);
    const directRate = capacity.decided / (directMs / 1000);

    // Latency below capacity (half the rate measured, unless set), so that it is not queueing time.
    const latencyRate = LATENCY_RATE ?? Math.max(1, Math.floor(pipelineRate / 2));
    const latencySeconds =
      LATENCY_SECONDS ?? Math.min(60, Math.max(10, Math.ceil(LATENCY_ORDERS / latencyRate)));
    progress(`latency: ${latencyRate} webhooks/s for ${latencySeconds} s…`);
    const latency = await offerWebhooks(target, {
      ...load,
      prefix: 'l',
      rate: latencyRate,
      seconds: latencySeconds,
      pollMs: 100,
    });
    return [
      measured(
        'pipeline.latencyOfferedPerSecond',
        'pipeline, latency phase: webhooks offered per second',
        latencyRate,
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

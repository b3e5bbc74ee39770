/**
 * The whole local pipeline under load (`npm run bench -- --only pipeline`): the local runtime
 * started as `npm start` starts it (on loopback, PORT or a free port, a data folder of its own),
 * signed webhooks posted over HTTP at a bounded rate for a bounded time (BENCH_PIPELINE_RATE
 * orders/s, default 20; BENCH_PIPELINE_SECONDS, default 15) after a warm-up, a third on one hot SKU that runs short, the rest on 100 cold
 * SKUs. An order is decided once its order item exists (the allocator wrote it): the table is
 * looked at every POLL_MS. Then the same number of orders is decided by calling the allocator's
 * use case directly on the same DynamoDB Local, in batches of 10, four at a time: the ratio of the
 * two throughputs is what the pipeline (webhook function, bus, queue, allocator) keeps.
 */
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { orderKey } from '../../../shared/adapters/dynamodb/keys.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { receiveOrders } from '../../../shared/use-cases/receive-orders.js';
import { receiveStockLines } from '../../support/stock-receipt.js';
import { atLeast, type Figure, measured } from '../figures.js';
import { groupsOf, runPool } from '../pool.js';

const RATE = Number(process.env.BENCH_PIPELINE_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_PIPELINE_SECONDS ?? 15);
const POLL_MS = 100;
const MAX_IN_FLIGHT = 64;
const COLD_SKUS = Array.from({ length: 100 }, (_, index) => `COLD-${String(index + 1).padStart(3, '0')}`);
const progress = (text: string) => process.stderr.write(`pipeline: ${text}\n`);

/** Order `index`: every third on the hot SKU, the rest spread over the cold ones. */
const skuOf = (prefix: string, index: number) =>
  index % 3 === 0 ? `${prefix}HOT` : `${prefix}${COLD_SKUS[index % COLD_SKUS.length]}`;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);

export const pipeline = async (): Promise<Figure[]> => {
  const total = Math.round(RATE * SECONDS);
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
        [`${prefix}HOT`, Math.ceil(total / 6)],
        ...COLD_SKUS.map((sku): [string, number] => [`${prefix}${sku}`, total]),
      ]);
    await stock('');
    await stock('D-');

    // Webhooks at the rate, for the time; a slow answer never lets more than MAX_IN_FLIGHT pile up.
    const sentAt = new Map<string, number>();
    const decidedAt = new Map<string, number>();
    let refused = 0;
    let inFlight = 0;
    let skipped = 0;
    const send = async (index: number) => {
      const body = JSON.stringify({
        type: 'order.created',
        orderId: `p${index}`,
        createdAt: new Date().toISOString(),
        customer: { name: 'Ada Lovelace' },
        lines: [{ lineId: '1', sku: skuOf('', index), quantity: 1 }],
      });
      const signature = createHmac('sha256', runtime.demoTenant.webhookSecrets.orders)
        .update(body)
        .digest('base64');
      inFlight += 1;
      const started = performance.now();
      try {
        const response = await fetch(`${runtime.baseUrl}/webhooks/${tenantId}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-signature': signature },
          body,
        });
        await response.text();
        if (response.status === 200) sentAt.set(`orders-p${index}`, started);
        else refused += 1;
      } catch {
        refused += 1;
      } finally {
        inFlight -= 1;
      }
    };
    const poll = async () => {
      const pending = [...sentAt.keys()].filter((orderId) => !decidedAt.has(orderId));
      for (const group of groupsOf(pending, 100)) {
        const result = await wiring.documents.send(
          new BatchGetCommand({
            RequestItems: {
              [wiring.tableName]: {
                Keys: group.map((orderId) => orderKey(tenantId, orderId)),
                ProjectionExpression: 'sk',
              },
            },
          }),
        );
        const now = performance.now();
        for (const item of result.Responses?.[wiring.tableName] ?? []) {
          const orderId = String(item.sk).slice('ORDER#'.length);
          if (!decidedAt.has(orderId)) decidedAt.set(orderId, now);
        }
      }
    };

    // Warm: each function's process has loaded and made its first calls before the clock starts.
    progress('warming the functions…');
    const warmUntil = performance.now() + 120_000;
    await Promise.all(Array.from({ length: 5 }, (_, index) => send(total + index)));
    while (decidedAt.size < sentAt.size && performance.now() < warmUntil) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      await poll();
    }
    sentAt.clear();
    decidedAt.clear();
    refused = 0;

    progress(`${total} webhooks at ${RATE}/s for ${SECONDS} s…`);
    const firstSent = performance.now();
    const sends: Promise<void>[] = [];
    let next = 0;
    const ticker = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - firstSent) / 1000) * RATE));
      for (; next < due; next++) {
        if (inFlight >= MAX_IN_FLIGHT) {
          skipped += 1;
          continue;
        }
        sends.push(send(next));
      }
    }, 20);
    const report = setInterval(
      () => progress(`sent ${next}/${total}, accepted ${sentAt.size}, decided ${decidedAt.size}`),
      2_000,
    );
    const deadline = firstSent + (SECONDS + 120) * 1000;
    try {
      while (performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        await poll();
        if (next >= total && inFlight === 0 && decidedAt.size >= sentAt.size) break;
      }
    } finally {
      clearInterval(ticker);
      clearInterval(report);
    }
    await Promise.all(sends);
    const latencies = [...decidedAt]
      .map(([orderId, at]) => at - (sentAt.get(orderId) as number))
      .sort((a, b) => a - b);
    const lastDecided = Math.max(...decidedAt.values());
    const pipelineRate = decidedAt.size / ((lastDecided - firstSent) / 1000);
    progress(`decided ${decidedAt.size} of ${sentAt.size} accepted; deciding the same orders directly…`);

    // The same orders (on SKUs of their own, stocked alike), decided by the use case directly.
    const direct: IncomingOrder[] = Array.from({ length: decidedAt.size }, (_, index) => ({
      orderId: `orders-d${index}`,
      warehouseId: 'main',
      channel: 'orders',
      channelOrderId: `d${index}`,
      customer: { name: 'Ada Lovelace' },
      createdAt: new Date().toISOString(),
      lines: [{ lineId: '1', sku: skuOf('D-', index), quantity: 1 }],
    }));
    const directMs = await runPool(groupsOf(direct, 10), 4, async (group) => {
      await receiveOrders(
        wiring.allocation,
        tenantId,
        group.map((input) => ({ input, eventId: `direct-${input.orderId}` })),
      );
    });
    const directRate = direct.length / (directMs / 1000);
    return [
      measured('pipeline.offeredPerSecond', 'pipeline: webhooks offered per second', RATE),
      measured('pipeline.accepted', 'pipeline: webhooks accepted', sentAt.size),
      measured(
        'pipeline.notSent',
        'pipeline: webhooks refused or not sent (in-flight cap)',
        refused + skipped,
      ),
      measured('pipeline.decided', 'pipeline: orders decided', decidedAt.size),
      measured(
        'pipeline.latencyP50Ms',
        'pipeline: webhook to decision, p50 (ms)',
        Math.round(percentile(latencies, 50)),
      ),
      measured(
        'pipeline.latencyP99Ms',
        'pipeline: webhook to decision, p99 (ms)',
        Math.round(percentile(latencies, 99)),
      ),
      measured('pipeline.ordersPerSecond', 'pipeline: orders decided per second', pipelineRate),
      measured('pipeline.directOrdersPerSecond', 'use case called directly: orders per second', directRate),
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

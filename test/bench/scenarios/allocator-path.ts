/**
 * Intake as it deploys: `Order Received` messages handed to the allocator's handler in SQS batches
 * of 1, 10 and 100 (the queue's batch size bounds them), single-line orders spread over 10 SKUs
 * whose stock is there, the policy cache warm. Requests and modelled write capacity of deciding
 * and committing are counted on the repository's client; taking published entries off the outbox
 * afterwards on the outbox's own client.
 */
import type { SQSEvent } from 'aws-lambda';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { INCOMING_SCHEMA_VERSION } from '../../../shared/events/incoming-events.js';
import { queueMessagesOf } from '../../support/event-envelopes.js';
import { lambdaContext } from '../../support/http-events.js';
import { webhookTenant } from '../../support/webhook-requests.js';
import { deployedWiring } from '../deployed-wiring.js';
import { atMost, type Figure, measured, ratio } from '../figures.js';
import { type BenchHarness, createBenchHarness, TENANT } from '../harness.js';
import { channelOrder, skuNames } from '../orders.js';
import { groupsOf } from '../pool.js';

const SKUS = skuNames('PATH', 10);
const PLENTY = 1_000_000;
/** Orders per batch size: enough invocations to average over, few enough to stay quick. */
const CASES = [
  { batchSize: 1, orders: 60 },
  { batchSize: 10, orders: 200 },
  { batchSize: 100, orders: 500 },
] as const;

/** An `Order Received` as the webhook function publishes it. */
export const orderReceived = (input: IncomingOrder) => ({
  detailType: 'Order Received',
  detail: {
    schemaVersion: INCOMING_SCHEMA_VERSION,
    tenantId: TENANT,
    eventId: `evt-${input.orderId}`,
    occurredAt: input.createdAt,
    orderId: input.orderId,
    order: input,
  },
});

export const queueBatch = (orders: readonly IncomingOrder[]): SQSEvent =>
  queueMessagesOf(orders.map(orderReceived) as Parameters<typeof queueMessagesOf>[0]);

interface PathCost {
  requestsPerOrder: number;
  wcuPerLine: number;
  outboxRequestsPerOrder: number;
}

const pathCost = async (
  harness: BenchHarness,
  allocator: (event: SQSEvent) => Promise<{ batchItemFailures: unknown[] }>,
  outboxTally: { requests: number },
  prefix: string,
  { batchSize, orders }: { batchSize: number; orders: number },
): Promise<PathCost> => {
  const inputs = Array.from({ length: orders }, (_, index) =>
    channelOrder(`${prefix}-${index + 1}`, [SKUS[index % SKUS.length] as string]),
  );
  harness.resetTally();
  const outboxBefore = outboxTally.requests;
  for (const group of groupsOf(inputs, batchSize)) {
    const { batchItemFailures } = await allocator(queueBatch(group));
    if (batchItemFailures.length > 0) throw new Error(`${batchItemFailures.length} orders failed`);
  }
  return {
    requestsPerOrder: ratio(harness.tally.requests, orders),
    // Every order is one line, and each took its stock.
    wcuPerLine: ratio(harness.tally.modelledWcu, orders),
    outboxRequestsPerOrder: ratio(outboxTally.requests - outboxBefore, orders),
  };
};

export const allocatorPath = async (): Promise<Figure[]> => {
  const harness = await createBenchHarness('allocator-path');
  const deployed = deployedWiring(harness);
  try {
    const { makeHandler } = await import('../../../functions/allocator/index.js');
    const handler = makeHandler(() => deployed.wiring);
    const allocator = (event: SQSEvent) => handler(event, lambdaContext('allocator'));
    await deployed.wiring.directory.saveTenant(webhookTenant(TENANT));
    for (const sku of SKUS) await harness.addStock(sku, PLENTY);
    // Warm: the policy cache (as a running function's), and the code paths.
    await pathCost(harness, allocator, deployed.outboxTally, 'warm', { batchSize: 10, orders: 20 });
    const costs = [];
    for (const scenario of CASES) {
      costs.push(
        await pathCost(harness, allocator, deployed.outboxTally, `b${scenario.batchSize}`, scenario),
      );
    }
    const [one, ten, hundred] = costs as [PathCost, PathCost, PathCost];
    return [
      atMost(
        1,
        measured(
          'allocatorPath.requestsPerOrder1',
          'allocator, batches of 1: requests per order',
          one.requestsPerOrder,
        ),
      ),
      measured(
        'allocatorPath.requestsPerOrder10',
        'allocator, batches of 10: requests per order',
        ten.requestsPerOrder,
      ),
      atMost(
        0.2,
        measured(
          'allocatorPath.requestsPerOrder100',
          'allocator, batches of 100: requests per order',
          hundred.requestsPerOrder,
        ),
      ),
      measured('allocatorPath.wcuPerLine1', 'allocator, batches of 1: WCU per line', one.wcuPerLine),
      measured('allocatorPath.wcuPerLine10', 'allocator, batches of 10: WCU per line', ten.wcuPerLine),
      atMost(
        2.3,
        measured(
          'allocatorPath.wcuPerLine100',
          'allocator, batches of 100 (10 SKUs): WCU per line',
          hundred.wcuPerLine,
        ),
      ),
      measured(
        'allocatorPath.outboxRequestsPerOrder1',
        'allocator, batches of 1: outbox take-off requests per order',
        one.outboxRequestsPerOrder,
      ),
      measured(
        'allocatorPath.outboxRequestsPerOrder100',
        'allocator, batches of 100: outbox take-off requests per order',
        hundred.outboxRequestsPerOrder,
      ),
    ];
  } finally {
    deployed.close();
    await harness.drop();
  }
};

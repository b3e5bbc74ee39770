import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseInput } from '../../shared/domain/inputs.js';
import { INCOMING_DETAIL_SCHEMAS } from '../../shared/events/incoming-events.js';
import { deployedAdapters, type Wiring } from '../../shared/runtime/adapters.js';
import { deployedHandler } from '../../shared/runtime/deployed-handler.js';
import { logger, metrics, observed } from '../../shared/runtime/observability.js';
import { type BatchEntry, receiveOrders } from '../../shared/use-cases/receive-orders.js';

type Parsed = { messageId: string; tenantId: string; entry: BatchEntry };

/**
 * `Order Received` events, delivered by the rule's SQS queue in batches. Each tenant's orders are
 * committed as one batch, so a burst on one SKU shares stock writes; a message that fails is
 * reported on its own and comes back, and after its last try goes to the dead-letter queue.
 */
export const makeHandler = (wiring: () => Wiring) =>
  observed(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: string[] = [];
    const parsed: Parsed[] = [];
    for (const record of event.Records) {
      try {
        const envelope = JSON.parse(record.body) as { detail?: unknown };
        const detail = parseInput(
          INCOMING_DETAIL_SCHEMAS['Order Received'],
          envelope.detail,
          'Order Received detail',
        );
        parsed.push({
          messageId: record.messageId,
          tenantId: detail.tenantId,
          entry: { input: detail.order, eventId: detail.eventId },
        });
      } catch (error) {
        logger.warn('Unreadable Order Received message', {
          messageId: record.messageId,
          error: (error as Error).message,
        });
        failures.push(record.messageId);
      }
    }
    const { allocation } = wiring();
    const tenants = [...new Set(parsed.map((item) => item.tenantId))];
    for (const tenantId of tenants) {
      const batch = parsed.filter((item) => item.tenantId === tenantId);
      try {
        // Each committed transaction's events are published as it commits (runDecision).
        const results = await receiveOrders(
          allocation,
          tenantId,
          batch.map((item) => item.entry),
        );
        results.forEach((result, index) => {
          if (result.kind === 'failed') failures.push((batch[index] as Parsed).messageId);
        });
        metrics.addMetric(
          'OrdersReceived',
          'Count',
          results.filter((result) => result.kind === 'accepted').length,
        );
      } catch (error) {
        logger.error('Batch failed', { tenantId, error: error as Error });
        failures.push(...batch.map((item) => item.messageId));
      }
    }
    return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
  });

export const handler = deployedHandler(deployedAdapters, makeHandler);

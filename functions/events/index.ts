import type { EventBridgeEvent } from 'aws-lambda';
import { InvalidInputError } from '../../shared/domain/errors.js';
import { deployedAdapters, type Wiring } from '../../shared/runtime/adapters.js';
import { deployedHandler } from '../../shared/runtime/deployed-handler.js';
import { logger, metrics, observed } from '../../shared/runtime/observability.js';
import {
  handleIncomingEvent,
  isEventsFunctionDetailType,
} from '../../shared/use-cases/handle-incoming-event.js';

/**
 * Warehouse and channel events from the bus (every incoming detail-type but `Order Received`,
 * which reaches the allocator through its queue). A failure is thrown, so EventBridge retries and
 * then parks the event in the rule's dead-letter queue. A failed publish is not a failure: the
 * change is committed, and the outbox keeps its events for the sweep (a retry would be a duplicate).
 */
export const makeHandler = (wiring: () => Wiring) =>
  observed(async (event: EventBridgeEvent<string, unknown>) => {
    const detailType = event['detail-type'];
    if (!isEventsFunctionDetailType(detailType))
      throw new InvalidInputError(`Unsupported detail-type ${detailType}`);
    const { allocation } = wiring();
    const outcome = await handleIncomingEvent(allocation, detailType, event.detail);
    logger.info('Event handled', { detailType, eventId: event.id, outcome: outcome.kind });
    metrics.addMetric(outcome.kind === 'duplicate' ? 'DuplicateEvents' : 'EventsApplied', 'Count', 1);
    return { outcome: outcome.kind };
  });

export const handler = deployedHandler(deployedAdapters, makeHandler);

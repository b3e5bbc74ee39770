import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import { EVENT_SOURCE } from '../../shared/adapters/eventbridge/eventbridge-publisher.js';
import type { PublishableEvent } from '../../shared/ports/event-publisher.js';

const ACCOUNT = '000000000000';
const REGION = 'eu-west-1';

/** EventBridge's `time` has whole seconds. */
const eventTime = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A published event as EventBridge hands it to a rule's target: the detail inside the standard
 * envelope. A redelivery of the same event keeps its `id`.
 *
 *   await eventsHandler(eventBridgeEvent(publisher.published[0]), lambdaContext());
 */
export const eventBridgeEvent = (
  event: PublishableEvent,
  id: string = randomUUID(),
): EventBridgeEvent<string, PublishableEvent['detail']> => ({
  version: '0',
  id,
  'detail-type': event.detailType,
  source: EVENT_SOURCE,
  account: ACCOUNT,
  time: eventTime(event.detail.occurredAt),
  region: REGION,
  resources: [],
  detail: event.detail,
});

/** One message of a standard SQS queue, as Lambda's event source mapping delivers it. */
export const sqsRecord = (body: string, messageId: string = randomUUID()): SQSRecord => ({
  messageId,
  receiptHandle: `handle-${messageId}`,
  body,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(Date.now()),
    SenderId: 'AIDAEVENTBRIDGE',
    ApproximateFirstReceiveTimestamp: String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: 'not-checked',
  eventSource: 'aws:sqs',
  eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:order-received`,
  awsRegion: REGION,
});

export const sqsBatch = (records: SQSRecord[]): SQSEvent => ({ Records: records });

/**
 * Events as the allocator's queue delivers them when it is the target of an EventBridge rule (no
 * input transformer): each message body is the whole envelope as JSON.
 */
export const queueMessagesOf = (events: readonly PublishableEvent[]): SQSEvent =>
  sqsBatch(events.map((event) => sqsRecord(JSON.stringify(eventBridgeEvent(event)))));

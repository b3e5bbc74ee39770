/**
 * SNS's Publish and PublishBatch in the protocol the installed SDK v3 client speaks (awsQuery: a
 * form-encoded request, an XML response), on the template's topics, with SNS's checks of the
 * message: a subject SNS would take, `MessageStructure: json` with a `default` text, message
 * attributes and sizes within SNS's limits (sns-message-limits.ts), at most ten entries a batch.
 * Accepted messages go to topic-delivery.ts.
 */
import { randomUUID } from 'node:crypto';
import { LocalApiError } from './api-errors.js';
import {
  attributesOf,
  invalidParameter as invalid,
  members,
  messageBytes,
  SNS_MAX_BYTES,
} from './sns-message-limits.js';
import { handleSubscriptionAction, isSubscriptionAction } from './sns-subscriptions-api.js';
import type { PublishedMessage, TopicDelivery } from './topic-delivery.js';

export const SNS_VERSION = '2010-03-31';
const NAMESPACE = `http://sns.amazonaws.com/doc/${SNS_VERSION}/`;
const MAX_BATCH = 10;

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);

const element = (name: string, content: string) => `<${name}>${content}</${name}>`;

export const snsErrorXml = (error: LocalApiError): string =>
  `<ErrorResponse xmlns="${NAMESPACE}">${element(
    'Error',
    element('Type', error.status >= 500 ? 'Receiver' : 'Sender') +
      element('Code', escapeXml(error.code)) +
      element('Message', escapeXml(error.message)),
  )}${element('RequestId', randomUUID())}</ErrorResponse>`;

const response = (action: string, result: string) =>
  `<${action}Response xmlns="${NAMESPACE}">${element(`${action}Result`, result)}${element(
    'ResponseMetadata',
    element('RequestId', randomUUID()),
  )}</${action}Response>`;

/** One message (of Publish, or an entry of PublishBatch) as SNS would accept it, or its refusal. */
function messageOf(fields: Map<string, string>, topicArn: string): PublishedMessage {
  const message = fields.get('Message') ?? '';
  if (message === '') throw invalid('Empty message');
  if (messageBytes(fields) > SNS_MAX_BYTES) throw invalid('Message too long');
  const subject = fields.get('Subject');
  if (subject !== undefined && !/^[\x20-\x7e]{1,99}$/.test(subject)) throw invalid('Subject');
  const structure = fields.get('MessageStructure');
  let perProtocol: Record<string, string> | undefined;
  if (structure !== undefined) {
    if (structure !== 'json') throw invalid('MessageStructure');
    try {
      perProtocol = JSON.parse(message) as Record<string, string>;
    } catch {
      throw invalid('Message Structure - JSON message body failed to parse');
    }
    if (typeof perProtocol?.default !== 'string')
      throw invalid('Message Structure - No default entry in JSON message body');
  }
  return {
    messageId: randomUUID(),
    topicArn,
    message,
    ...(subject !== undefined ? { subject } : {}),
    ...(perProtocol ? { perProtocol } : {}),
    attributes: attributesOf(fields),
  };
}

function topicOf(form: URLSearchParams, topics: TopicDelivery): string {
  if (form.has('TargetArn') || form.has('PhoneNumber'))
    throw invalid('TargetArn and PhoneNumber: the local runtime publishes to topics only');
  const topicArn = form.get('TopicArn') ?? '';
  if (!topics.hasTopic(topicArn)) throw new LocalApiError(404, 'NotFound', 'Topic does not exist');
  return topicArn;
}

function publish(form: URLSearchParams, topics: TopicDelivery): string {
  const topicArn = topicOf(form, topics);
  const message = messageOf(new Map(form), topicArn);
  topics.deliver(message);
  return response('Publish', element('MessageId', message.messageId));
}

function publishBatch(form: URLSearchParams, topics: TopicDelivery): string {
  const topicArn = topicOf(form, topics);
  const entries = members(form, 'PublishBatchRequestEntries');
  if (entries.length === 0)
    throw new LocalApiError(400, 'EmptyBatchRequest', "The batch request doesn't contain any entries.");
  if (entries.length > MAX_BATCH)
    throw new LocalApiError(
      400,
      'TooManyEntriesInBatchRequest',
      'The batch request contains more entries than permissible.',
    );
  const ids = entries.map((entry) => entry.get('Id') ?? '');
  if (ids.some((id) => !/^[\w-]{1,80}$/.test(id)))
    throw new LocalApiError(
      400,
      'InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    );
  if (new Set(ids).size !== ids.length)
    throw new LocalApiError(
      400,
      'BatchEntryIdsNotDistinct',
      'Two or more batch entries in the request have the same Id.',
    );
  if (entries.reduce((sum, entry) => sum + messageBytes(entry), 0) > SNS_MAX_BYTES)
    throw new LocalApiError(
      400,
      'BatchRequestTooLong',
      'The length of all the messages put together is more than the limit.',
    );
  let successful = '';
  let failed = '';
  entries.forEach((entry, index) => {
    const id = escapeXml(ids[index] as string);
    try {
      const message = messageOf(entry, topicArn);
      topics.deliver(message);
      successful += element('member', element('Id', id) + element('MessageId', message.messageId));
    } catch (error) {
      if (!(error instanceof LocalApiError)) throw error;
      failed += element(
        'member',
        element('Id', id) +
          element('Code', error.code) +
          element('Message', escapeXml(error.message)) +
          element('SenderFault', 'true'),
      );
    }
  });
  return response('PublishBatch', element('Successful', successful) + element('Failed', failed));
}

/**
 * Answers one SNS action (awsQuery) with its XML: Publish and PublishBatch, and the subscription
 * actions (sns-subscriptions-api.ts, whose confirmation links point at `linkBase`).
 */
export function handleSns(
  action: string,
  form: URLSearchParams,
  topics: TopicDelivery,
  linkBase = '',
): string {
  if (action === 'Publish') return publish(form, topics);
  if (action === 'PublishBatch') return publishBatch(form, topics);
  if (isSubscriptionAction(action)) return handleSubscriptionAction(action, form, topics, linkBase);
  throw new LocalApiError(400, 'InvalidAction', `SNS ${action} is not served locally`);
}

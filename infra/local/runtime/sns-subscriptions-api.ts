/**
 * SNS's subscription actions in awsQuery, beside Publish (sns-api.ts): Subscribe,
 * ConfirmSubscription, GetSubscriptionAttributes, ListSubscriptionsByTopic and Unsubscribe, on
 * the template's topics. As on SNS, an email subscription waits for its confirmation: the
 * confirmation message goes to the outbox with a link to this endpoint's ConfirmSubscription
 * (a plain GET, as a person's browser would follow it), and an SMS subscription is confirmed at
 * once. The filter policy is checked as SNS checks it, so a policy SNS refuses is refused here.
 */
import { randomUUID } from 'node:crypto';
import { InvalidFilterPolicyError } from '../sns-filter-policy/index.js';
import { LocalApiError } from './api-errors.js';
import { SubscriptionExistsError, type SubscriptionRecord } from './subscription-registry.js';
import { SUBSCRIPTION_PROTOCOLS, type SubscriptionProtocol } from './subscriptions.js';
import type { TopicDelivery } from './topic-delivery.js';

export const SUBSCRIPTION_ACTIONS = [
  'Subscribe',
  'ConfirmSubscription',
  'GetSubscriptionAttributes',
  'ListSubscriptionsByTopic',
  'Unsubscribe',
] as const;

const NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';
const PAGE_SIZE = 100;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{1,14}$/;

const invalid = (what: string) => new LocalApiError(400, 'InvalidParameter', `Invalid parameter: ${what}`);
const notFound = (what: string) => new LocalApiError(404, 'NotFound', `${what} does not exist`);

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);
const element = (name: string, content: string) => `<${name}>${content}</${name}>`;
const response = (action: string, result: string) =>
  `<${action}Response xmlns="${NAMESPACE}">${element(`${action}Result`, result)}${element(
    'ResponseMetadata',
    element('RequestId', randomUUID()),
  )}</${action}Response>`;

/** The awsQuery map `<prefix>.entry.<n>.key` / `.value`. */
function mapOf(form: URLSearchParams, prefix: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, name] of form) {
    const match = new RegExp(`^${prefix}\\.entry\\.(\\d+)\\.key$`).exec(key);
    if (match) map.set(name, form.get(`${prefix}.entry.${match[1]}.value`) ?? '');
  }
  return map;
}

const topicOf = (form: URLSearchParams, topics: TopicDelivery): string => {
  const topicArn = form.get('TopicArn') ?? '';
  if (!topics.hasTopic(topicArn)) throw notFound('Topic');
  return topicArn;
};

const isProtocol = (value: string): value is SubscriptionProtocol =>
  (SUBSCRIPTION_PROTOCOLS as readonly string[]).includes(value);

const confirmationText = (record: SubscriptionRecord, link: string) =>
  [
    'You have chosen to subscribe to the topic:',
    record.topicArn,
    '',
    'To confirm this subscription, click or visit the link below (If this was in error no action is necessary):',
    `Confirm subscription: ${link}`,
  ].join('\n');

function subscribe(form: URLSearchParams, topics: TopicDelivery, linkBase: string): string {
  const topicArn = topicOf(form, topics);
  const protocol = form.get('Protocol') ?? '';
  const endpoint = form.get('Endpoint') ?? '';
  if (!isProtocol(protocol)) throw invalid(`Protocol: ${protocol}`);
  if (protocol.startsWith('email') && !EMAIL.test(endpoint)) throw invalid('Email address');
  if (protocol === 'sms' && !E164.test(endpoint)) throw invalid('SMS endpoint');
  if (protocol.startsWith('http') && !URL.canParse(endpoint)) throw invalid('Endpoint');
  const attributes = mapOf(form, 'Attributes');
  const filterPolicy = attributes.get('FilterPolicy');
  const scope = attributes.get('FilterPolicyScope') ?? 'MessageAttributes';
  let record: SubscriptionRecord;
  try {
    record = topics.registry.subscribe({
      topicArn,
      protocol,
      endpoint,
      ...(filterPolicy ? { filterPolicy } : {}),
      filterPolicyScope: scope as SubscriptionRecord['filterPolicyScope'],
      // SNS asks email and HTTP(S) endpoints to confirm; SMS is subscribed at once.
      confirmed: protocol === 'sms',
    });
  } catch (error) {
    if (error instanceof InvalidFilterPolicyError || error instanceof SubscriptionExistsError)
      throw new LocalApiError(400, 'InvalidParameter', error.message);
    throw error;
  }
  // A repeated Subscribe of a pending email subscription sends its confirmation again, as SNS does.
  if (record.pendingConfirmation && protocol.startsWith('email')) {
    const link = `${linkBase}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${record.token}`;
    topics.outbox.writeEmail({
      to: endpoint,
      subject: 'AWS Notification - Subscription Confirmation',
      text: confirmationText(record, link),
      id: `confirmation-${randomUUID()}`,
    });
  }
  const returned =
    record.pendingConfirmation && form.get('ReturnSubscriptionArn') !== 'true'
      ? 'pending confirmation'
      : record.subscriptionArn;
  return response('Subscribe', element('SubscriptionArn', escapeXml(returned)));
}

function confirm(form: URLSearchParams, topics: TopicDelivery): string {
  const topicArn = topicOf(form, topics);
  const record = topics.registry.confirm(topicArn, form.get('Token') ?? '');
  if (!record) throw invalid('Token');
  return response('ConfirmSubscription', element('SubscriptionArn', escapeXml(record.subscriptionArn)));
}

function recordOf(form: URLSearchParams, topics: TopicDelivery): SubscriptionRecord {
  const record = topics.registry.get(form.get('SubscriptionArn') ?? '');
  if (!record) throw notFound('Subscription');
  return record;
}

function attributes(form: URLSearchParams, topics: TopicDelivery): string {
  const record = recordOf(form, topics);
  const entries: Record<string, string | undefined> = {
    SubscriptionArn: record.subscriptionArn,
    TopicArn: record.topicArn,
    Protocol: record.protocol,
    Endpoint: record.endpoint,
    Owner: record.topicArn.split(':')[4],
    PendingConfirmation: String(record.pendingConfirmation),
    ConfirmationWasAuthenticated: String(!record.pendingConfirmation),
    FilterPolicy: record.filterPolicy,
    FilterPolicyScope: record.filterPolicy ? record.filterPolicyScope : undefined,
  };
  const xml = Object.entries(entries)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => element('entry', element('key', key) + element('value', escapeXml(value))))
    .join('');
  return response('GetSubscriptionAttributes', element('Attributes', xml));
}

function list(form: URLSearchParams, topics: TopicDelivery): string {
  const topicArn = topicOf(form, topics);
  const start = Number(form.get('NextToken') ?? '0');
  if (!Number.isInteger(start) || start < 0) throw invalid('NextToken');
  const all = topics.registry.ofTopic(topicArn);
  const page = all.slice(start, start + PAGE_SIZE);
  const members = page
    .map((record) =>
      element(
        'member',
        element('TopicArn', escapeXml(record.topicArn)) +
          element('Protocol', record.protocol) +
          // SNS lists a subscription that waits for confirmation under this placeholder.
          element(
            'SubscriptionArn',
            escapeXml(record.pendingConfirmation ? 'PendingConfirmation' : record.subscriptionArn),
          ) +
          element('Owner', record.topicArn.split(':')[4] ?? '') +
          element('Endpoint', escapeXml(record.endpoint)),
      ),
    )
    .join('');
  const next = start + PAGE_SIZE < all.length ? element('NextToken', String(start + PAGE_SIZE)) : '';
  return response('ListSubscriptionsByTopic', element('Subscriptions', members) + next);
}

function unsubscribe(form: URLSearchParams, topics: TopicDelivery): string {
  // SNS answers an unknown subscription ARN of a valid shape with success: Unsubscribe is idempotent.
  topics.registry.unsubscribe(form.get('SubscriptionArn') ?? '');
  return response('Unsubscribe', '');
}

/** Answers one subscription action (awsQuery) with its XML. `linkBase` is this endpoint's URL. */
export function handleSubscriptionAction(
  action: (typeof SUBSCRIPTION_ACTIONS)[number],
  form: URLSearchParams,
  topics: TopicDelivery,
  linkBase: string,
): string {
  switch (action) {
    case 'Subscribe':
      return subscribe(form, topics, linkBase);
    case 'ConfirmSubscription':
      return confirm(form, topics);
    case 'GetSubscriptionAttributes':
      return attributes(form, topics);
    case 'ListSubscriptionsByTopic':
      return list(form, topics);
    case 'Unsubscribe':
      return unsubscribe(form, topics);
  }
}

export const isSubscriptionAction = (action: string): action is (typeof SUBSCRIPTION_ACTIONS)[number] =>
  (SUBSCRIPTION_ACTIONS as readonly string[]).includes(action);

/**
 * Who receives what is published to each topic: the template's `AWS::SNS::Subscription`s (email
 * and SMS are delivered to the local outbox, HTTPS is logged, not called), or, for a topic the
 * stage gives no subscriber, the local "outbox" subscriber, which gets every email and SMS so
 * that notifications can be seen locally.
 */
import {
  type CompiledFilterPolicy,
  compileFilterPolicy,
  type FilterPolicyScope,
} from '../sns-filter-policy/index.js';
import { resolveValue } from './local-resources.js';
import { type AppTemplate, referencedId, resourcesOfType, UnsupportedTemplateError } from './template.js';

export const SUBSCRIPTION_PROTOCOLS = ['email', 'email-json', 'sms', 'https', 'http'] as const;
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

export interface Subscription {
  readonly protocol: SubscriptionProtocol;
  readonly endpoint: string;
  readonly filter: CompiledFilterPolicy;
}

export const OUTBOX_EMAIL = 'outbox@backorder.localhost';
export const OUTBOX_PHONE = '+15550000000';

const everything = compileFilterPolicy(undefined, 'MessageAttributes');

export const outboxSubscriptions = (): Subscription[] => [
  { protocol: 'email', endpoint: OUTBOX_EMAIL, filter: everything },
  { protocol: 'sms', endpoint: OUTBOX_PHONE, filter: everything },
];

const isProtocol = (value: unknown): value is SubscriptionProtocol =>
  (SUBSCRIPTION_PROTOCOLS as readonly unknown[]).includes(value);

/** Every topic of the template by its local ARN, with its subscriptions. */
export function topicSubscriptions(template: AppTemplate): Map<string, Subscription[]> {
  const byTopicId = new Map<string, Subscription[]>(
    resourcesOfType(template, 'AWS::SNS::Topic').map(([logicalId]) => [logicalId, []]),
  );
  for (const [logicalId, props] of resourcesOfType(template, 'AWS::SNS::Subscription')) {
    const topicId = referencedId(template, props.TopicArn);
    const list = topicId ? byTopicId.get(topicId) : undefined;
    if (!list)
      throw new UnsupportedTemplateError(
        logicalId,
        'subscribes to something that is not a topic of the template',
      );
    if (!isProtocol(props.Protocol))
      throw new UnsupportedTemplateError(
        logicalId,
        `has protocol ${String(props.Protocol)}, which is not delivered locally`,
      );
    const scope = (props.FilterPolicyScope ?? 'MessageAttributes') as FilterPolicyScope;
    let filter: CompiledFilterPolicy;
    try {
      filter = compileFilterPolicy(props.FilterPolicy as object | undefined, scope);
    } catch (error) {
      throw new UnsupportedTemplateError(
        logicalId,
        `has a filter policy SNS would refuse: ${(error as Error).message}`,
      );
    }
    list.push({
      protocol: props.Protocol,
      endpoint: resolveValue(template, props.Endpoint, logicalId),
      filter,
    });
  }
  return new Map(
    [...byTopicId].map(([topicId, list]) => [
      resolveValue(template, { Ref: topicId }, topicId),
      list.length > 0 ? list : outboxSubscriptions(),
    ]),
  );
}

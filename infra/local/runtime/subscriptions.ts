/**
 * Who receives notifications: the template's `AWS::SNS::Subscription`s of the notifications topic
 * (email and SMS are delivered to the local outbox, HTTPS is not delivered locally), or, when the
 * stage configures none, the local "outbox" subscriber, which gets every email and SMS.
 */
import {
  type CompiledFilterPolicy,
  compileFilterPolicy,
  type FilterPolicyScope,
} from '../sns-filter-policy/index.js';
import { type AppTemplate, referencedId, resourcesOfType } from './template.js';

export interface Subscription {
  readonly protocol: 'email' | 'sms' | 'https';
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

/** The subscriptions of the topic `topicId` (the notifier's NOTIFICATION_TOPIC_ARN). */
export function subscriptions(template: AppTemplate, topicId: string | undefined): Subscription[] {
  const configured = resourcesOfType(template, 'AWS::SNS::Subscription').flatMap(
    ([, props]): Subscription[] => {
      if (!topicId || referencedId(template, props.TopicArn) !== topicId) return [];
      const protocol = String(props.Protocol);
      if (protocol !== 'email' && protocol !== 'sms' && protocol !== 'https') return [];
      const scope = (props.FilterPolicyScope ?? 'MessageAttributes') as FilterPolicyScope;
      return [
        {
          protocol,
          endpoint: String(props.Endpoint),
          filter: compileFilterPolicy(props.FilterPolicy as object | undefined, scope),
        },
      ];
    },
  );
  return configured.length > 0 ? configured : outboxSubscriptions();
}

import { type ITopic, SubscriptionFilter } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription, UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { NotificationFilter, Subscriber } from '../config/stages.js';

const filterPolicy = (
  filter: NotificationFilter | undefined,
): Record<string, SubscriptionFilter> | undefined => {
  if (!filter) return undefined;
  const entries = Object.entries(filter).filter(([, values]) => values && values.length > 0);
  return entries.length === 0
    ? undefined
    : Object.fromEntries(
        entries.map(([name, values]) => [name, SubscriptionFilter.stringFilter({ allowlist: values })]),
      );
};

/** The stage's email, SMS and HTTPS subscribers, each with its optional filter policy on message attributes. */
export class NotificationSubscriptions extends Construct {
  constructor(scope: Construct, id: string, props: { topic: ITopic; subscribers: readonly Subscriber[] }) {
    super(scope, id);
    for (const subscriber of props.subscribers) {
      const policy = filterPolicy(subscriber.filter);
      const options = policy ? { filterPolicy: policy } : {};
      switch (subscriber.kind) {
        case 'email':
          props.topic.addSubscription(new EmailSubscription(subscriber.address, options));
          break;
        case 'sms':
          props.topic.addSubscription(new SmsSubscription(subscriber.phoneNumber, options));
          break;
        case 'https':
          props.topic.addSubscription(new UrlSubscription(subscriber.url, options));
          break;
      }
    }
  }
}

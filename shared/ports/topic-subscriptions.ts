import type { RecipientProtocol } from '../recipients/recipient.js';

export interface NewTopicSubscription {
  protocol: RecipientProtocol;
  endpoint: string;
  filterPolicy: Record<string, string[]>;
}

/** Subscriptions to the notification topic. */
export interface TopicSubscriptions {
  /** Subscribes, returning the subscription's ARN even while it awaits confirmation. */
  subscribe(subscription: NewTopicSubscription): Promise<string>;
  /** Whether it still awaits confirmation; `undefined` when it no longer exists. */
  pendingConfirmation(subscriptionArn: string): Promise<boolean | undefined>;
  unsubscribe(subscriptionArn: string): Promise<void>;
}

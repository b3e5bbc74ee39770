import type { SNSClient } from '@aws-sdk/client-sns';
import type { NewTopicSubscription, TopicSubscriptions } from '../../ports/topic-subscriptions.js';
import { SubscriptionRefusedError } from '../../recipients/recipient-errors.js';
import { snsSdk } from '../aws-sdk.js';

/**
 * Subscriptions to one SNS topic, with the filter policy on message attributes. The client is
 * asked for on first use, so a function that never calls these routes never loads SNS.
 */
export class SnsTopicSubscriptions implements TopicSubscriptions {
  constructor(
    private readonly client: () => Promise<SNSClient>,
    private readonly topicArn: string,
  ) {}

  async subscribe({ protocol, endpoint, filterPolicy }: NewTopicSubscription): Promise<string> {
    const { SubscribeCommand } = await snsSdk();
    try {
      const { SubscriptionArn } = await (await this.client()).send(
        new SubscribeCommand({
          TopicArn: this.topicArn,
          Protocol: protocol,
          Endpoint: endpoint,
          ReturnSubscriptionArn: true,
          Attributes: { FilterPolicy: JSON.stringify(filterPolicy), FilterPolicyScope: 'MessageAttributes' },
        }),
      );
      if (!SubscriptionArn) throw new Error('SNS returned no subscription ARN');
      return SubscriptionArn;
    } catch (error) {
      // SNS's own refusal of this endpoint or filter (it keeps one subscription per endpoint).
      if ((error as Error).name === 'InvalidParameterException')
        throw new SubscriptionRefusedError('SNS refused the subscription', {
          reason: (error as Error).message,
        });
      throw error;
    }
  }

  async pendingConfirmation(subscriptionArn: string): Promise<boolean | undefined> {
    const { GetSubscriptionAttributesCommand } = await snsSdk();
    try {
      const { Attributes } = await (await this.client()).send(
        new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }),
      );
      return Attributes?.PendingConfirmation === 'true';
    } catch (error) {
      if ((error as Error).name === 'NotFoundException') return undefined;
      throw error;
    }
  }

  async unsubscribe(subscriptionArn: string): Promise<void> {
    const { UnsubscribeCommand } = await snsSdk();
    try {
      await (await this.client()).send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    } catch (error) {
      // Already gone (an unconfirmed subscription SNS dropped): nothing left to undo.
      if ((error as Error).name !== 'NotFoundException') throw error;
    }
  }
}

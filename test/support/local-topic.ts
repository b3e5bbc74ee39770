/**
 * The local SNS endpoint with one topic, in this process, over a temporary folder: its outbox and
 * its subscriptions. `subscriptions` is the service's adapter for it, called through the SDK.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { startAwsEndpoints } from '../../infra/local/runtime/aws-endpoints.js';
import { Outbox } from '../../infra/local/runtime/outbox.js';
import { localClientConfig } from '../../infra/local/runtime/runtime-wiring.js';
import { SubscriptionRegistry } from '../../infra/local/runtime/subscription-registry.js';
import { TopicDelivery } from '../../infra/local/runtime/topic-delivery.js';
import { SnsTopicSubscriptions } from '../../shared/adapters/sns/sns-topic-subscriptions.js';

export const LOCAL_TOPIC = 'arn:aws:sns:us-east-1:000000000000:Notifications';

export async function startLocalTopic() {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-topic-'));
  const outboxDir = join(dataDir, 'outbox');
  const topics = new TopicDelivery(
    new Map([[LOCAL_TOPIC, []]]),
    new Outbox(outboxDir),
    () => {},
    new SubscriptionRegistry(join(dataDir, 'subscriptions.json')),
  );
  const endpoints = await startAwsEndpoints(new Map(), topics, () => {});
  const sns = new SNSClient(localClientConfig(endpoints.url));
  return {
    sns,
    subscriptions: new SnsTopicSubscriptions(async () => sns, LOCAL_TOPIC),
    /** Every subscription of the topic, as ListSubscriptionsByTopic lists them. */
    list: async () =>
      (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: LOCAL_TOPIC }))).Subscriptions ?? [],
    /** The confirmation link of the latest email to `address`. */
    confirmationLinkFor: (address: string): string | undefined => {
      const mail = readdirSync(outboxDir)
        .sort()
        .reverse()
        .map((file) => readFileSync(join(outboxDir, file), 'utf8'))
        .find((text) => text.includes(`To: ${address}`) && text.includes('ConfirmSubscription'));
      return /(http:\/\/\S+ConfirmSubscription\S+)/.exec(mail ?? '')?.[1];
    },
    /** The SMS delivered so far, as `sms.log` lines (`<at> <to> <text>`). */
    smsLines: (): string[] => {
      const log = join(outboxDir, 'sms.log');
      return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    },
    stop: async () => {
      sns.destroy();
      await endpoints.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type LocalTopic = Awaited<ReturnType<typeof startLocalTopic>>;

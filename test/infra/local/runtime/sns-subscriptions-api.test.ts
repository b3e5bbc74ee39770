/**
 * The local SNS endpoint's subscriptions, called by the real SDK v3 client (awsQuery): Subscribe,
 * ConfirmSubscription (by the SDK, or by following the link of the confirmation email),
 * GetSubscriptionAttributes, ListSubscriptionsByTopic and Unsubscribe. A subscription receives
 * what its filter policy matches once confirmed, and survives a restart of the endpoint.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfirmSubscriptionCommand,
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterEach, beforeEach, expect, test } from '@jest/globals';
import { type AwsEndpoints, startAwsEndpoints } from '../../../../infra/local/runtime/aws-endpoints.js';
import { Outbox } from '../../../../infra/local/runtime/outbox.js';
import { localClientConfig } from '../../../../infra/local/runtime/runtime-wiring.js';
import { SubscriptionRegistry } from '../../../../infra/local/runtime/subscription-registry.js';
import { TopicDelivery } from '../../../../infra/local/runtime/topic-delivery.js';

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:Notifications';

let dataDir: string;
let endpoints: AwsEndpoints | undefined;
let client: SNSClient | undefined;

const start = async () => {
  const registry = new SubscriptionRegistry(join(dataDir, 'sns-subscriptions.json'));
  const topics = new TopicDelivery(
    new Map([[TOPIC, []]]),
    new Outbox(join(dataDir, 'outbox')),
    () => {},
    registry,
  );
  endpoints = await startAwsEndpoints(new Map(), topics, () => {});
  client = new SNSClient(localClientConfig(endpoints.url));
  return client;
};

const stop = async () => {
  client?.destroy();
  await endpoints?.close();
  client = undefined;
  endpoints = undefined;
};

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'sns-subscriptions-'));
});

afterEach(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const emails = () => {
  const dir = join(dataDir, 'outbox');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'));
};

const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
const publish = (sns: SNSClient, text: string, tenantId: string) =>
  sns.send(
    new PublishCommand({
      TopicArn: TOPIC,
      Message: text,
      Subject: text,
      MessageAttributes: { eventType: attribute('Order Split'), tenantId: attribute(tenantId) },
    }),
  );

const subscribeEmail = (sns: SNSClient, endpoint = 'ops@example.com') =>
  sns.send(
    new SubscribeCommand({
      TopicArn: TOPIC,
      Protocol: 'email',
      Endpoint: endpoint,
      ReturnSubscriptionArn: true,
      Attributes: { FilterPolicy: JSON.stringify({ tenantId: ['t1'] }) },
    }),
  );

const pendingOf = async (sns: SNSClient, arn: string) =>
  (await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }))).Attributes
    ?.PendingConfirmation;

test('an email subscription is pending, gets a confirmation email, and receives nothing until confirmed', async () => {
  const sns = await start();
  const { SubscriptionArn } = await subscribeEmail(sns);
  expect(SubscriptionArn).toMatch(new RegExp(`^${TOPIC}:[0-9a-f-]{36}$`));
  expect(await pendingOf(sns, SubscriptionArn as string)).toBe('true');
  const [confirmation, ...others] = emails();
  expect(others).toEqual([]);
  expect(confirmation).toContain('To: ops@example.com');
  expect(confirmation).toContain('Subject: AWS Notification - Subscription Confirmation');
  expect(confirmation).toContain(`${(endpoints as AwsEndpoints).url}/?Action=ConfirmSubscription&TopicArn=`);

  await publish(sns, 'before confirmation', 't1');
  expect(emails()).toHaveLength(1);
  const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC }));
  expect(listed.Subscriptions).toEqual([
    expect.objectContaining({
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      SubscriptionArn: 'PendingConfirmation',
    }),
  ]);
});

test('following the link confirms it; then it receives what its filter policy matches', async () => {
  const sns = await start();
  const { SubscriptionArn } = await subscribeEmail(sns);
  const link = /(http:\/\/\S+ConfirmSubscription\S+)/.exec(emails()[0] as string)?.[1] as string;
  const followed = await fetch(link);
  expect(followed.status).toBe(200);
  expect(await followed.text()).toContain(SubscriptionArn);
  expect(await pendingOf(sns, SubscriptionArn as string)).toBe('false');

  await publish(sns, 'for t1', 't1');
  await publish(sns, 'for t2', 't2');
  const received = emails().slice(1);
  expect(received).toEqual([expect.stringContaining('Subject: for t1')]);
  const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC }));
  expect(listed.Subscriptions?.map((s) => s.SubscriptionArn)).toEqual([SubscriptionArn]);
});

test('ConfirmSubscription by the SDK with a wrong token is refused, with the right one confirms', async () => {
  const sns = await start();
  const { SubscriptionArn } = await subscribeEmail(sns);
  const token = /Token=([0-9a-f]+)/.exec(emails()[0] as string)?.[1] as string;
  await expect(
    sns.send(new ConfirmSubscriptionCommand({ TopicArn: TOPIC, Token: 'bad' })),
  ).rejects.toMatchObject({
    name: 'InvalidParameterException',
  });
  const confirmed = await sns.send(new ConfirmSubscriptionCommand({ TopicArn: TOPIC, Token: token }));
  expect(confirmed.SubscriptionArn).toBe(SubscriptionArn);
});

test('an SMS subscription is confirmed at once and gets its text', async () => {
  const sns = await start();
  const { SubscriptionArn } = await sns.send(
    new SubscribeCommand({
      TopicArn: TOPIC,
      Protocol: 'sms',
      Endpoint: '+15550002222',
      ReturnSubscriptionArn: true,
    }),
  );
  expect(await pendingOf(sns, SubscriptionArn as string)).toBe('false');
  await publish(sns, 'sms text', 't9');
  expect(readFileSync(join(dataDir, 'outbox', 'sms.log'), 'utf8')).toMatch(/\+15550002222 sms text\n$/);
});

test('subscriptions survive a restart; Unsubscribe ends delivery', async () => {
  let sns = await start();
  const { SubscriptionArn } = await sns.send(
    new SubscribeCommand({
      TopicArn: TOPIC,
      Protocol: 'sms',
      Endpoint: '+15550003333',
      ReturnSubscriptionArn: true,
    }),
  );
  await stop();
  sns = await start();
  expect(await pendingOf(sns, SubscriptionArn as string)).toBe('false');
  await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
  await expect(
    sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: SubscriptionArn as string })),
  ).rejects.toMatchObject({ name: 'NotFoundException' });
  await publish(sns, 'after unsubscribe', 't1');
  expect(readdirSync(join(dataDir, 'outbox'))).not.toContain('sms.log');
});

test('a filter policy SNS would refuse, or a bad endpoint, subscribes nothing', async () => {
  const sns = await start();
  const tooMany = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((key) => [key, ['x']]));
  await expect(
    sns.send(
      new SubscribeCommand({
        TopicArn: TOPIC,
        Protocol: 'sms',
        Endpoint: '+15550004444',
        Attributes: { FilterPolicy: JSON.stringify(tooMany) },
      }),
    ),
  ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  await expect(
    sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'email', Endpoint: 'not an address' })),
  ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  await expect(
    sns.send(
      new SubscribeCommand({ TopicArn: `${TOPIC}-missing`, Protocol: 'sms', Endpoint: '+15550004444' }),
    ),
  ).rejects.toMatchObject({ name: 'NotFoundException' });
  const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC }));
  expect(listed.Subscriptions ?? []).toEqual([]);
});

test('an endpoint has one subscription per topic: the same attributes get it back, others are refused', async () => {
  const sns = await start();
  const first = await subscribeEmail(sns);
  const again = await subscribeEmail(sns);
  expect(again.SubscriptionArn).toBe(first.SubscriptionArn);
  await expect(
    sns.send(
      new SubscribeCommand({
        TopicArn: TOPIC,
        Protocol: 'email',
        Endpoint: 'ops@example.com',
        Attributes: { FilterPolicy: JSON.stringify({ tenantId: ['t2'] }) },
      }),
    ),
  ).rejects.toMatchObject({
    name: 'InvalidParameterException',
    message: 'Invalid parameter: Attributes Reason: Subscription already exists with different attributes',
  });
  const listed = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC }));
  expect(listed.Subscriptions).toHaveLength(1);
});

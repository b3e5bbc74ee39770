/**
 * The local SNS endpoint, called by the real SDK v3 client (awsQuery): Publish and PublishBatch
 * with `MessageStructure: json` and message attributes reach the subscriptions whose filter
 * policies match, emails as `.eml` files and SMS as lines of `sms.log`; SNS's refusals come back
 * as the SDK's typed errors.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishBatchCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { type AwsEndpoints, startAwsEndpoints } from '../../../../infra/local/runtime/aws-endpoints.js';
import { Outbox } from '../../../../infra/local/runtime/outbox.js';
import { localClientConfig } from '../../../../infra/local/runtime/runtime-wiring.js';
import type { Subscription } from '../../../../infra/local/runtime/subscriptions.js';
import { TopicDelivery } from '../../../../infra/local/runtime/topic-delivery.js';
import { compileFilterPolicy } from '../../../../infra/local/sns-filter-policy/index.js';

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:Notifications';
const subscriptions: Subscription[] = [
  {
    protocol: 'email',
    endpoint: 'ops@example.com',
    filter: compileFilterPolicy({ eventType: ['OrderAwaitingStock'] }, 'MessageAttributes'),
  },
  { protocol: 'sms', endpoint: '+15550001111', filter: compileFilterPolicy(undefined, 'MessageAttributes') },
];

let endpoints: AwsEndpoints;
let client: SNSClient;
let outboxDir: string;

beforeAll(async () => {
  outboxDir = mkdtempSync(join(tmpdir(), 'sns-api-'));
  const topics = new TopicDelivery(new Map([[TOPIC, subscriptions]]), new Outbox(outboxDir), () => {});
  endpoints = await startAwsEndpoints(new Map(), topics, () => {});
  client = new SNSClient(localClientConfig(endpoints.url));
});

afterAll(async () => {
  client?.destroy();
  await endpoints?.close();
  rmSync(outboxDir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const file of readdirSync(outboxDir)) rmSync(join(outboxDir, file));
});

const emails = () =>
  readdirSync(outboxDir)
    .filter((file) => file.endsWith('.eml'))
    .map((file) => readFileSync(join(outboxDir, file), 'utf8'));
const smsLines = () => {
  try {
    return readFileSync(join(outboxDir, 'sms.log'), 'utf8').trim().split('\n');
  } catch {
    return [];
  }
};

const structured = (name: string) =>
  JSON.stringify({
    default: `{"order":"${name}"}`,
    email: `Order ${name} is waiting.`,
    sms: `${name} waits`,
  });
const attribute = (value: string) => ({ DataType: 'String', StringValue: value });

test('Publish with MessageStructure json sends each protocol its own text', async () => {
  const result = await client.send(
    new PublishCommand({
      TopicArn: TOPIC,
      MessageStructure: 'json',
      Message: structured('1001'),
      Subject: 'Order 1001 is awaiting stock',
      MessageAttributes: { eventType: attribute('OrderAwaitingStock'), tenantId: attribute('demo') },
    }),
  );
  expect(result.MessageId).toEqual(expect.any(String));
  const [email, ...others] = emails();
  expect(others).toEqual([]);
  expect(email).toMatch(/^From: .+\r\nTo: ops@example\.com\r\nSubject: Order 1001 is awaiting stock\r\n/);
  expect(email).toContain('\r\n\r\nOrder 1001 is waiting.');
  expect(smsLines()).toEqual([expect.stringMatching(/^\S+ \+15550001111 1001 waits$/)]);
});

test("a subscription's filter policy keeps out what it does not match", async () => {
  await client.send(
    new PublishCommand({
      TopicArn: TOPIC,
      Message: 'plain text, no structure',
      MessageAttributes: { eventType: attribute('OrderSplit') },
    }),
  );
  expect(emails()).toEqual([]);
  expect(smsLines()).toEqual([expect.stringMatching(/plain text, no structure$/)]);
});

test('PublishBatch sends each valid entry and reports the invalid ones as sender faults', async () => {
  const result = await client.send(
    new PublishBatchCommand({
      TopicArn: TOPIC,
      PublishBatchRequestEntries: [
        {
          Id: 'n0',
          MessageStructure: 'json',
          Message: structured('2001'),
          Subject: 'Order 2001',
          MessageAttributes: { eventType: attribute('OrderAwaitingStock') },
        },
        { Id: 'n1', MessageStructure: 'json', Message: JSON.stringify({ email: 'no default' }) },
        { Id: 'n2', Message: 'second', MessageAttributes: { channel: attribute('shopify') } },
      ],
    }),
  );
  expect(result.Successful?.map((entry) => entry.Id)).toEqual(['n0', 'n2']);
  expect(result.Failed).toEqual([
    {
      Id: 'n1',
      Code: 'InvalidParameter',
      Message: 'Invalid parameter: Message Structure - No default entry in JSON message body',
      SenderFault: true,
    },
  ]);
  expect(emails()).toEqual([expect.stringContaining('Order 2001 is waiting.')]);
  expect(smsLines()).toEqual([expect.stringMatching(/2001 waits$/), expect.stringMatching(/second$/)]);
});

test('refusals arrive as the SDK typed errors', async () => {
  await expect(
    client.send(new PublishCommand({ TopicArn: `${TOPIC}-missing`, Message: 'x' })),
  ).rejects.toMatchObject({ name: 'NotFoundException' });
  await expect(
    client.send(new PublishCommand({ TopicArn: TOPIC, Message: 'x', Subject: 'two\nlines' })),
  ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Subject' });
  await expect(
    client.send(
      new PublishBatchCommand({
        TopicArn: TOPIC,
        PublishBatchRequestEntries: [
          { Id: 'same', Message: 'a' },
          { Id: 'same', Message: 'b' },
        ],
      }),
    ),
  ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinctException' });
  expect(emails()).toEqual([]);
  expect(smsLines()).toEqual([]);
});

describe('size limits: 256 KB of message and attributes (names, data types and values)', () => {
  const limit = 256 * 1024;
  // `eventType` + `String` + `OrderAwaitingStock`: 33 bytes counted towards the message.
  const attributes = { eventType: attribute('OrderAwaitingStock') };
  const attributeBytes = 'eventType'.length + 'String'.length + 'OrderAwaitingStock'.length;

  test('Publish takes a message exactly at the limit, and refuses one byte more', async () => {
    await expect(
      client.send(
        new PublishCommand({
          TopicArn: TOPIC,
          Message: 'x'.repeat(limit - attributeBytes),
          MessageAttributes: attributes,
        }),
      ),
    ).resolves.toMatchObject({ MessageId: expect.any(String) });
    await expect(
      client.send(
        new PublishCommand({
          TopicArn: TOPIC,
          Message: `${'x'.repeat(limit - attributeBytes - 1)}é`,
          MessageAttributes: attributes,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: Message too long',
    });
    expect(emails()).toHaveLength(1);
  });

  test('PublishBatch refuses a batch whose entries total more than the limit, attributes counted', async () => {
    const half = limit / 2 - attributeBytes;
    const entries = [
      { Id: 'a', Message: 'x'.repeat(half), MessageAttributes: attributes },
      { Id: 'b', Message: 'y'.repeat(half + 1), MessageAttributes: attributes },
    ];
    await expect(
      client.send(new PublishBatchCommand({ TopicArn: TOPIC, PublishBatchRequestEntries: entries })),
    ).rejects.toMatchObject({ name: 'BatchRequestTooLongException' });
    const fits = [
      { Id: 'a', Message: 'x'.repeat(half), MessageAttributes: attributes },
      { Id: 'b', Message: 'y'.repeat(half), MessageAttributes: attributes },
    ];
    const result = await client.send(
      new PublishBatchCommand({ TopicArn: TOPIC, PublishBatchRequestEntries: fits }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['a', 'b']);
  });

  test('PublishBatch refuses more than ten entries, and attribute names SNS reserves', async () => {
    await expect(
      client.send(
        new PublishBatchCommand({
          TopicArn: TOPIC,
          PublishBatchRequestEntries: Array.from({ length: 11 }, (_, index) => ({
            Id: `e${index}`,
            Message: 'm',
          })),
        }),
      ),
    ).rejects.toMatchObject({ name: 'TooManyEntriesInBatchRequestException' });
    await expect(
      client.send(
        new PublishCommand({ TopicArn: TOPIC, Message: 'm', MessageAttributes: { 'AWS.x': attribute('v') } }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      client.send(
        new PublishCommand({
          TopicArn: TOPIC,
          Message: 'm',
          MessageAttributes: Object.fromEntries(
            Array.from({ length: 11 }, (_, index) => [`a${index}`, attribute('v')]),
          ),
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(smsLines()).toEqual([]);
  });
});

/**
 * The local EventBridge endpoint, called by the real SDK v3 client: PutEvents wraps each entry in
 * the envelope EventBridge delivers, routes it by the bus's rules, and reports refused entries one
 * by one.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { compileEventPattern } from '../../../../infra/local/event-pattern/index.js';
import { type AwsEndpoints, startAwsEndpoints } from '../../../../infra/local/runtime/aws-endpoints.js';
import { type EventEnvelope, LocalEventBus } from '../../../../infra/local/runtime/event-bus.js';
import type { EventRule } from '../../../../infra/local/runtime/event-rules.js';
import { Outbox } from '../../../../infra/local/runtime/outbox.js';
import { localClientConfig } from '../../../../infra/local/runtime/runtime-wiring.js';
import { TopicDelivery } from '../../../../infra/local/runtime/topic-delivery.js';

const BUS = 'backorder-test';
const delivered: Array<{ to: string; event: EventEnvelope; origin: string }> = [];
const rules: EventRule[] = [
  {
    logicalId: 'OrdersRule',
    busName: BUS,
    pattern: compileEventPattern({ source: ['shop'], 'detail-type': ['Order Received'] }),
    targets: [
      { kind: 'lambda', id: 'Target0', function: 'allocator', retryAttempts: 8 },
      { kind: 'sqs', id: 'Target1', queueId: 'Queue', retryAttempts: 8 },
    ],
  },
];
const targets = {
  invokeAsync: async (fn: string, event: EventEnvelope, origin: string) => {
    delivered.push({ to: fn, event, origin });
  },
  sendToQueue: async (queueId: string, body: string, origin: string) => {
    delivered.push({ to: queueId, event: JSON.parse(body) as EventEnvelope, origin });
  },
};

let endpoints: AwsEndpoints;
let client: EventBridgeClient;
let outboxDir: string;

beforeAll(async () => {
  outboxDir = mkdtempSync(join(tmpdir(), 'eventbridge-api-'));
  const buses = new Map([[BUS, new LocalEventBus(BUS, rules, targets)]]);
  endpoints = await startAwsEndpoints(
    buses,
    new TopicDelivery(new Map(), new Outbox(outboxDir), () => {}),
    () => {},
  );
  client = new EventBridgeClient(localClientConfig(endpoints.url));
});

afterAll(async () => {
  client?.destroy();
  await endpoints?.close();
  rmSync(outboxDir, { recursive: true, force: true });
});

test('PutEvents delivers a matching event, in its envelope, to every target of the rule', async () => {
  delivered.length = 0;
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: BUS,
          Source: 'shop',
          DetailType: 'Order Received',
          Detail: JSON.stringify({ orderId: 'o-1' }),
          Time: new Date('2026-03-02T08:15:00.250Z'),
          Resources: ['arn:aws:x:::order/o-1'],
        },
        // The bus by ARN; no rule matches, so it is accepted and goes nowhere.
        {
          EventBusName: `arn:aws:events:us-east-1:000000000000:event-bus/${BUS}`,
          Source: 'shop',
          DetailType: 'Order Updated',
          Detail: '{}',
        },
      ],
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
  expect(result.Entries).toEqual([{ EventId: expect.any(String) }, { EventId: expect.any(String) }]);
  expect(delivered.map(({ to, origin }) => [to, origin])).toEqual([
    ['allocator', 'rule OrdersRule'],
    ['Queue', 'rule OrdersRule'],
  ]);
  expect(delivered[0]?.event).toEqual({
    version: '0',
    id: result.Entries?.[0]?.EventId,
    'detail-type': 'Order Received',
    source: 'shop',
    account: '000000000000',
    time: '2026-03-02T08:15:00Z',
    region: 'us-east-1',
    resources: ['arn:aws:x:::order/o-1'],
    detail: { orderId: 'o-1' },
  });
});

test('PutEvents refuses entries one by one: an unknown bus, a detail that is not a JSON object', async () => {
  delivered.length = 0;
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: 'no-such-bus', Source: 'shop', DetailType: 'Order Received', Detail: '{}' },
        { EventBusName: BUS, Source: 'shop', DetailType: 'Order Received', Detail: '[1]' },
        { EventBusName: BUS, Source: 'shop', DetailType: 'Order Received', Detail: '{"orderId":"o-2"}' },
      ],
    }),
  );
  expect(result.FailedEntryCount).toBe(2);
  expect(result.Entries?.map((entry) => entry.ErrorCode ?? 'ok')).toEqual([
    'ResourceNotFoundException',
    'MalformedDetail',
    'ok',
  ]);
  expect(delivered).toHaveLength(2);
});

test('more than ten entries is a validation error of the whole request', async () => {
  const entry = { EventBusName: BUS, Source: 'shop', DetailType: 'x', Detail: '{}' };
  await expect(
    client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })),
  ).rejects.toMatchObject({ name: 'ValidationException' });
});

test('an operation or a service it does not stand in for is refused, naming it', async () => {
  const response = await fetch(endpoints.url, {
    method: 'POST',
    headers: { 'x-amz-target': 'AWSEvents.ListRules', 'content-type': 'application/x-amz-json-1.1' },
    body: '{}',
  });
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({
    __type: 'UnknownOperationException',
    message: 'EventBridge ListRules is not served locally',
  });
  const other = await fetch(endpoints.url, {
    method: 'POST',
    headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' },
    body: '{}',
  });
  expect(((await other.json()) as { message: string }).message).toMatch(/DynamoDB_20120810.ListTables/);
  expect(endpoints.environment).toMatchObject({
    AWS_ENDPOINT_URL: endpoints.url,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.url,
    AWS_ENDPOINT_URL_SNS: endpoints.url,
  });
});

/** The size EventBridge counts for an entry: Time 14 bytes, the UTF-8 bytes of the rest. */
const padded = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes - '{"pad":""}'.length) });

test('a request whose entries total more than 256 KB, counted as EventBridge counts them, is refused whole', async () => {
  delivered.length = 0;
  const limit = 256 * 1024;
  const overhead = 14 + 'shop'.length + 'Order Received'.length + 'arn:x'.length;
  const entry = (detailBytes: number) => ({
    EventBusName: BUS,
    Source: 'shop',
    DetailType: 'Order Received',
    Detail: padded(detailBytes),
    Time: new Date('2026-03-02T08:15:00Z'),
    Resources: ['arn:x'],
  });
  // Exactly at the limit, in two entries: accepted.
  const first = Math.floor((limit - 2 * overhead) / 2);
  const atLimit = await client.send(
    new PutEventsCommand({ Entries: [entry(first), entry(limit - 2 * overhead - first)] }),
  );
  expect(atLimit.FailedEntryCount).toBe(0);
  expect(delivered).toHaveLength(4);
  // One byte more (a multi-byte character counts its UTF-8 bytes): the whole call fails.
  delivered.length = 0;
  const over = { ...entry(first), Detail: JSON.stringify({ pad: `${'x'.repeat(first - 11)}é` }) };
  await expect(
    client.send(new PutEventsCommand({ Entries: [over, entry(limit - 2 * overhead - first)] })),
  ).rejects.toMatchObject({
    name: 'ValidationException',
    message: 'Total size of the entries in the request is over the limit.',
  });
  // One event of ~300 KB alone is over the limit too.
  await expect(client.send(new PutEventsCommand({ Entries: [entry(300 * 1024)] }))).rejects.toMatchObject({
    name: 'ValidationException',
  });
  expect(delivered).toEqual([]);
});

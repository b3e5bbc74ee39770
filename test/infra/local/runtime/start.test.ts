/**
 * The local runtime end to end, through the bundles: DynamoDB Local in a fresh data folder, the
 * template's HTTP API, and every function in its own process calling the local EventBridge and
 * SNS endpoints. A signed Shopify webhook for a SKU with no stock is stored in DynamoDB Local, put
 * on the bus, routed by the rule to the allocator queue, leaves the order Awaiting Stock, and the
 * notifier's SNS message lands in the outbox as an email; a receipt makes it ReadyToPick. The data
 * survives a restart, and `fresh` starts empty.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { type CloudAssembly, cloudAssembly } from '../../../../infra/local/runtime/assembly.js';
import type { Runtime, RuntimeOptions } from '../../../../infra/local/runtime/runtime.js';
import { localClientConfig } from '../../../../infra/local/runtime/runtime-wiring.js';
import { orderKey } from '../../../../shared/adapters/dynamodb/keys.js';
import { signWebhookBody } from '../../../../shared/channels/signatures.js';
import { DEMO_DEFAULTS } from '../../../../shared/use-cases/tenants/demo-tenant.js';
import { ensureTenant } from '../../../../shared/use-cases/tenants/ensure-tenant.js';

const FIXTURE = fileURLToPath(
  new URL(
    '../../../../../shared/fixtures/webhooks/shopify.orders-create.activepieces-devstore-2023.json',
    import.meta.url,
  ),
);

let assembly: CloudAssembly;
let runtime: Runtime;
let baseUrl: string;
let dataDir: string;
const lines: string[] = [];

const start = async (options: RuntimeOptions = {}) => {
  const { startRuntime } = await import('../../../../infra/local/runtime/runtime.js');
  runtime = await startRuntime({
    dataDir,
    assembly,
    port: 0,
    schedules: false,
    env: {},
    // Quiet handlers: only errors from the Powertools logger.
    functionEnv: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    log: (line) => lines.push(line),
    ...options,
  });
  baseUrl = runtime.baseUrl as string;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'backorder-local-'));
  // Synthesized with bundling when the sources changed since the kept one (tens of seconds), then
  // shared by every start of this file.
  assembly = await cloudAssembly();
  await start({ fresh: true });
}, 180_000);

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (path: string, apiKey?: string) =>
  fetch(`${baseUrl}${path}`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });

/** Polls until `check` returns a value (events are delivered asynchronously). */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; runtime log:\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const orderStatus = async (orderId: string): Promise<string | undefined> => {
  const response = await get(`/orders/${encodeURIComponent(orderId)}`, DEMO_DEFAULTS.apiKey);
  if (response.status !== 200) return undefined;
  return ((await response.json()) as { order: { status: string } }).order.status;
};

/** The order as stored in DynamoDB Local, in the template's table. */
const storedOrder = async (orderId: string) => {
  const client = new DynamoDBClient(localClientConfig(runtime.dynamoDbEndpoint));
  try {
    const documents = DynamoDBDocumentClient.from(client);
    const found = await documents.send(
      new GetCommand({ TableName: 'BackorderTable', Key: orderKey('demo', orderId), ConsistentRead: true }),
    );
    return found.Item;
  } finally {
    client.destroy();
  }
};

let orderId: string;

test('a webhook goes through the bundles: DynamoDB, bus, rule, queue, allocator, notifier, SNS, outbox', async () => {
  const body = readFileSync(FIXTURE, 'utf8');
  const webhook = await fetch(`${baseUrl}/webhooks/demo/shopify`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': 'orders/create',
      'x-shopify-webhook-id': 'local-runtime-test-1',
      'x-shopify-hmac-sha256': signWebhookBody('shopify', DEMO_DEFAULTS.shopify, body),
    },
  });
  expect(webhook.status).toBe(200);
  ({ orderId } = (await webhook.json()) as { orderId: string });

  await eventually(async () => ((await orderStatus(orderId)) === 'AwaitingStock' ? true : undefined));
  expect(await storedOrder(orderId)).toMatchObject({ status: 'AwaitingStock' });

  const email = await eventually(async () => {
    const files = readdirSync(runtime.outboxDir).filter((name) => name.endsWith('.eml'));
    return files.length > 0 ? readFileSync(join(runtime.outboxDir, files[0] as string), 'utf8') : undefined;
  });
  expect(email).toMatch(/^From: .+\r\nTo: .+@.+\r\nSubject: .*awaiting stock.*\r\nDate: .+\r\n/i);
  expect(email).toContain('sku-hosted-1');
  // Delivered by the local SNS endpoint, which the notifier's bundle called.
  expect(lines).toContainEqual(expect.stringMatching(/^\[sns\] email to outbox@backorder\.localhost: /));

  const receipt = await fetch(`${baseUrl}/stock/receipts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO_DEFAULTS.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      receiptId: 'local-runtime-receipt-1',
      warehouseId: 'main',
      lines: [{ sku: 'sku-hosted-1', quantity: 5 }],
    }),
  });
  expect(receipt.status).toBe(200);
  await eventually(async () => ((await orderStatus(orderId)) === 'ReadyToPick' ? true : undefined));
  await runtime.idle();
}, 60_000);

test("the API-key authorizer: another tenant's key never reaches the demo tenant's order", async () => {
  await ensureTenant(runtime.wiring('operator-api').directory, {
    tenantId: 'other',
    apiKey: 'other-tenant-key-1',
    webhookSecrets: { shopify: 'a', woocommerce: 'b', orders: 'c' },
  });
  expect((await get(`/orders/${encodeURIComponent(orderId)}`, 'other-tenant-key-1')).status).toBe(404);
  expect((await get('/orders', 'not-a-known-key-1')).status).toBe(401);
  expect((await get('/orders')).status).toBe(401);
});

test('the admin endpoint runs the sweep', async () => {
  const response = await fetch(`${baseUrl}/_local/sweep`, { method: 'POST' });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ errors: 0 });
});

test('the data survives a restart, and fresh starts empty', async () => {
  await runtime.stop();
  await start();
  expect(runtime.demoTenantCreated).toBe(false);
  expect(await orderStatus(orderId)).toBe('ReadyToPick');

  await runtime.stop();
  await start({ fresh: true });
  expect(runtime.demoTenantCreated).toBe(true);
  expect(await storedOrder(orderId)).toBeUndefined();
  expect(readdirSync(runtime.outboxDir)).toEqual([]);
}, 90_000);

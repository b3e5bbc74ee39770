/**
 * The local runtime end to end: DynamoDB Local in a fresh data folder, the template's HTTP API,
 * bus, queue and notifier, all in this process. A signed Shopify webhook for a SKU with no stock
 * leaves the order Awaiting Stock and an email in the outbox; a receipt makes it ReadyToPick; a
 * key of another tenant does not reach the demo tenant's order.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { Runtime } from '../../../../infra/local/runtime/runtime.js';
import { signWebhookBody } from '../../../../shared/channels/signatures.js';
import { DEMO_DEFAULTS } from '../../../../shared/use-cases/tenants/demo-tenant.js';
import { ensureTenant } from '../../../../shared/use-cases/tenants/ensure-tenant.js';

const FIXTURE = fileURLToPath(
  new URL(
    '../../../../../shared/fixtures/webhooks/shopify.orders-create.activepieces-devstore-2023.json',
    import.meta.url,
  ),
);

// Quiet handlers: only errors from the Powertools logger.
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

let runtime: Runtime;
let baseUrl: string;
let dataDir: string;
const lines: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'backorder-local-'));
  const { startRuntime } = await import('../../../../infra/local/runtime/runtime.js');
  runtime = await startRuntime({
    dataDir,
    fresh: true,
    port: 0,
    schedules: false,
    env: {},
    log: (line) => lines.push(line),
  });
  baseUrl = runtime.baseUrl as string;
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (path: string, apiKey?: string) =>
  fetch(`${baseUrl}${path}`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });

/** Polls until `check` returns a value (events are delivered asynchronously). */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
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

test('a short Shopify order waits, is emailed about, and becomes ReadyToPick on a receipt', async () => {
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
  const { orderId } = (await webhook.json()) as { orderId: string };

  await eventually(async () => ((await orderStatus(orderId)) === 'AwaitingStock' ? true : undefined));

  const email = await eventually(async () => {
    const files = readdirSync(runtime.outboxDir).filter((name) => name.endsWith('.eml'));
    return files.length > 0 ? readFileSync(join(runtime.outboxDir, files[0] as string), 'utf8') : undefined;
  });
  expect(email).toMatch(/^From: .+\r\nTo: .+@.+\r\nSubject: .*awaiting stock.*\r\nDate: .+\r\n/i);
  expect(email).toContain('sku-hosted-1');

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

  // Another tenant's key is valid, but never reaches the demo tenant's order.
  await ensureTenant(runtime.wiring('operator-api').directory, {
    tenantId: 'other',
    apiKey: 'other-tenant-key-1',
    webhookSecrets: { shopify: 'a', woocommerce: 'b', orders: 'c' },
  });
  expect((await get(`/orders/${encodeURIComponent(orderId)}`, 'other-tenant-key-1')).status).toBe(404);
  expect((await get('/orders', 'not-a-known-key-1')).status).toBe(401);
  expect((await get('/orders')).status).toBe(401);
}, 60_000);

test('the admin endpoint runs the sweep', async () => {
  const response = await fetch(`${baseUrl}/_local/sweep`, { method: 'POST' });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ errors: 0 });
});

/**
 * The edge's limits end to end, over HTTP against the local runtime: each maximum is accepted and
 * decided through the bus, the allocator and the notifier, one more is refused at once; the bad
 * input of issue 20 gets a 4xx. No answer is a 5xx, and nothing answered 2xx ends in a dead-letter
 * queue.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stageConfig } from '../../../infra/config/stages.js';
import { hasStatus } from '../../../infra/local/demo/http-client.js';
import { shopifyOrder } from '../../../infra/local/demo/payloads.js';
import { signWebhookBody } from '../../../shared/channels/signatures.js';
import { AWS_LIMITS, jsonBytes, LIMITS } from '../../../shared/limits.js';
import { type LocalService, testOrder as order, startLocalService } from '../../support/local-service.js';

let service: LocalService;
const statuses: Array<{ request: string; status: number }> = [];

beforeAll(async () => {
  service = await startLocalService();
}, 180_000);

afterAll(async () => {
  await service?.stop();
});

const raw = async (
  method: string,
  path: string,
  body?: Uint8Array<ArrayBuffer> | string,
  headers: Record<string, string> = {},
) => {
  const response = await fetch(`${service.baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  statuses.push({ request: `${method} ${path.slice(0, 80)}`, status: response.status });
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return { status: response.status, headers: response.headers, body: json as { error?: { code?: string } } };
};

const apiKey = () => ({ authorization: `Bearer ${service.runtime.demoTenant.apiKey}` });
const api = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  raw(method, path, body === undefined ? undefined : JSON.stringify(body), {
    ...apiKey(),
    'content-type': 'application/json',
    ...headers,
  });

const signedOrder = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
  raw('POST', `/webhooks/${service.runtime.demoTenant.tenantId}/orders`, body, {
    'content-type': 'application/json',
    'x-signature': signWebhookBody('generic', service.runtime.demoTenant.webhookSecrets.orders, body),
    ...headers,
  });

const genericOrder = (orderId: string, lines: number, sku: (i: number) => string) =>
  JSON.stringify({
    type: 'order.created',
    orderId,
    createdAt: '2026-11-28T09:00:00Z',
    customer: { name: 'Edge Case', email: 'edge@example.com' },
    lines: Array.from({ length: lines }, (_, i) => ({ lineId: String(i + 1), sku: sku(i), quantity: 1 })),
  });

const awaitingStock = async (orderId: string) => {
  const { detail, settled } = await service.demo.orderWhen(orderId, hasStatus('AwaitingStock'), 90_000);
  if (!settled)
    throw new Error(
      `${orderId} is ${detail?.order.status ?? 'missing'}\n${service.logs.slice(-30).join('\n')}`,
    );
  return detail;
};

describe('the largest order accepted is decided end to end; one more is refused', () => {
  it(`${LIMITS.orderLines} lines are taken and wait for stock; ${LIMITS.orderLines + 1} get 400`, async () => {
    const accepted = await signedOrder(genericOrder('E2E-MAXLINES', LIMITS.orderLines, (i) => `ML-${i}`));
    expect(accepted.status).toBe(200);
    const detail = await awaitingStock('orders-E2E-MAXLINES');
    expect(detail?.order.lines).toHaveLength(LIMITS.orderLines);
    const refused = await signedOrder(genericOrder('E2E-TOOMANY', LIMITS.orderLines + 1, (i) => `TM-${i}`));
    expect(refused.status).toBe(400);
  }, 180_000);

  it(`an order of nearly ${LIMITS.orderBytes} bytes is taken and waits; a larger one gets 413`, async () => {
    // 190-character SKUs: about 230 bytes a line as stored.
    const sku = (i: number) => `${String(i).padStart(4, '0')}-${'W'.repeat(185)}`;
    const fits = genericOrder('E2E-WIDE', 275, sku);
    expect(jsonBytes(JSON.parse(fits))).toBeGreaterThan(LIMITS.orderBytes * 0.9);
    expect((await signedOrder(fits)).status).toBe(200);
    await awaitingStock('orders-E2E-WIDE');
    const over = await signedOrder(genericOrder('E2E-WIDER', 300, sku));
    expect(over.status).toBe(413);
  }, 180_000);

  it('a Shopify delivery id of 200 characters is taken and its order decided', async () => {
    const placed = order({ 'E2E-LONGID': 1 });
    const reply = await service.demo.shopify('orders/create', shopifyOrder(placed), 'd'.repeat(200));
    statuses.push({ request: 'shopify long id', status: reply.status });
    expect(reply.status).toBe(200);
    await awaitingStock(`shopify-${placed.id}`);
  }, 120_000);
});

describe('request ids and bodies', () => {
  const receipt = (receiptId: string, key: string) =>
    api(
      'POST',
      '/stock/receipts',
      { receiptId, warehouseId: 'main', lines: [{ sku: 'E2E-KEY', quantity: 1 }] },
      { 'idempotency-key': key },
    );

  it(`an Idempotency-Key of ${LIMITS.idempotencyKeyLength} characters is taken, one more gets 400`, async () => {
    expect((await receipt('E2E-R1', 'k'.repeat(LIMITS.idempotencyKeyLength))).status).toBe(200);
    expect((await receipt('E2E-R2', 'k'.repeat(LIMITS.idempotencyKeyLength + 1))).status).toBe(400);
    const act = await api(
      'POST',
      '/orders/orders-E2E-WIDE/hold',
      { reason: 'check' },
      { 'idempotency-key': 'k'.repeat(2_100) },
    );
    expect(act.status).toBe(400);
  });

  it(`a body over ${LIMITS.requestBodyBytes} bytes gets 413, and over ${AWS_LIMITS.apiGatewayBodyBytes} bytes too`, async () => {
    const padded = (bytes: number) => `{"pad":"${'x'.repeat(bytes)}"}`;
    expect((await signedOrder(padded(LIMITS.requestBodyBytes))).status).toBe(413);
    expect((await signedOrder(padded(AWS_LIMITS.apiGatewayBodyBytes))).status).toBe(413);
  }, 60_000);

  it('a signed body that is not UTF-8 is checked on its bytes and refused as unreadable (400, not 401)', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"type":"order.created","orderId":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const reply = await signedOrder(bytes);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('unreadable-body');
  });
});

describe('bad input gets a 4xx', () => {
  it('a tenant id of 2,100 characters in a webhook path gets 401', async () => {
    const reply = await raw('POST', `/webhooks/${'t'.repeat(2_100)}/orders`, '{}', {
      'content-type': 'application/json',
      'x-signature': 'x',
    });
    expect(reply.status).toBe(401);
  });

  it.each(['/policies/skus/constructor', '/policies/channels/constructor', '/policies/skus/__proto__'])(
    'PUT %s gets 400',
    async (path) => {
      expect((await api('PUT', path, { splitSupported: false })).status).toBe(400);
    },
  );

  it('a wrong key with an empty body on a warehouse route gets 401', async () => {
    const reply = await raw('POST', '/stock/receipts', '{}', {
      authorization: 'Bearer not-a-key',
      'content-type': 'application/json',
    });
    expect(reply.status).toBe(401);
  });

  it('a path with bad percent-encoding gets 400', async () => {
    expect((await raw('GET', '/orders/%E0%A4%A', undefined, apiKey())).status).toBe(400);
  });
});

describe('headers', () => {
  it('answers carrying customer data are no-store and nosniff', async () => {
    const reply = await api('GET', '/orders?status=AwaitingStock&limit=5');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("answers CORS preflights for the stage's console origin only", async () => {
    const preflight = (origin: string) =>
      raw('OPTIONS', '/orders', undefined, { origin, 'access-control-request-method': 'GET' });
    const console = stageConfig('dev').consoleOrigin;
    const allowed = await preflight(console);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(console);
    expect(
      (await preflight('https://elsewhere.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });
});

it('answered no request with a 5xx, and dead-lettered nothing', async () => {
  expect(statuses.filter(({ status }) => status >= 500)).toEqual([]);
  // Let anything still on the bus or in a queue finish (or fail) before looking.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const dir = service.runtime.deadLettersDir;
  const dead = existsSync(dir)
    ? readdirSync(dir).flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean))
    : [];
  if (dead.length > 0)
    throw new Error(
      `${dead.length} dead letter(s):\n${dead.map((line) => line.slice(0, 300)).join('\n')}\n` +
        service.logs
          .filter((line) => /notifier|error|fail/i.test(line))
          .slice(-60)
          .join('\n'),
    );
}, 30_000);

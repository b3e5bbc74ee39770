import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { makeHandler } from '../../../functions/warehouse-api/index.js';
import { LIMITS } from '../../../shared/limits.js';
import { handlerOnOwnTables } from '../../support/handler-on-own-tables.js';
import { httpEvent, lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { webhookTenant } from '../../support/webhook-requests.js';

/** The warehouse edge: the key before the body, and the documented maxima at their boundary. */
const publisher = new InMemoryPublisher();
const warehouseApi = handlerOnOwnTables('warehouse-api-edge', makeHandler, {
  publisher,
  tenants: [webhookTenant('edge')],
});

const call = async (event: APIGatewayProxyEventV2) => {
  const response = await warehouseApi.handler(event, lambdaContext());
  return { status: response.statusCode, body: JSON.parse(String(response.body)) };
};

/** As the authorizer passes a refused key through: a reason instead of a tenant. */
const refusedKey = (path: string, body: string): APIGatewayProxyEventV2 => {
  const event = httpEvent('POST', path, { body });
  return {
    ...event,
    requestContext: { ...event.requestContext, authorizer: { lambda: { refused: 'unknown-key' } } },
  } as APIGatewayProxyEventV2;
};

it.each(['/stock/receipts', '/stock/adjustments', '/inbound'])(
  'a refused key with an invalid body at %s gets 401, not the validation details',
  async (path) => {
    expect(await call(refusedKey(path, '{}'))).toEqual({
      status: 401,
      body: { error: expect.objectContaining({ code: 'UNAUTHORIZED' }) },
    });
  },
);

const receipt = (receiptId: string, key: string) =>
  httpEvent('POST', '/stock/receipts', {
    tenantId: 'edge',
    headers: { 'Idempotency-Key': key },
    body: JSON.stringify({ receiptId, warehouseId: 'main', lines: [{ sku: 'A', quantity: 1 }] }),
  });

it(`takes an Idempotency-Key of ${LIMITS.idempotencyKeyLength} characters and refuses one more with 400`, async () => {
  expect((await call(receipt('R-max', 'k'.repeat(LIMITS.idempotencyKeyLength)))).status).toBe(200);
  const before = await warehouseApi.harness.readAll();
  const refused = await call(receipt('R-over', 'k'.repeat(LIMITS.idempotencyKeyLength + 1)));
  expect(refused).toEqual({
    status: 400,
    body: { error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
  });
  expect(await warehouseApi.harness.readAll()).toEqual(before);
});

it('refuses an Idempotency-Key of 2,100 characters with 400, not 5xx', async () => {
  expect((await call(receipt('R-huge', 'k'.repeat(2_100)))).status).toBe(400);
});

it(`refuses a receipt of ${LIMITS.stockLines + 1} lines with 400`, async () => {
  const lines = Array.from({ length: LIMITS.stockLines + 1 }, (_, i) => ({ sku: `S${i}`, quantity: 1 }));
  const event = httpEvent('POST', '/stock/receipts', {
    tenantId: 'edge',
    body: JSON.stringify({ receiptId: 'R-lines', warehouseId: 'main', lines }),
  });
  expect((await call(event)).status).toBe(400);
});

it.each([
  [
    '/stock/receipts',
    { receiptId: 'R-nowhere', warehouseId: 'elsewhere', lines: [{ sku: 'A', quantity: 1 }] },
  ],
  [
    '/stock/adjustments',
    { adjustmentId: 'A-nowhere', warehouseId: 'elsewhere', lines: [{ sku: 'A', delta: 1 }] },
  ],
  [
    '/inbound',
    { inboundId: 'I-nowhere', warehouseId: 'elsewhere', sku: 'A', quantity: 1, eta: '2026-12-01T00:00:00Z' },
  ],
])('refuses %s to a warehouse the tenant does not have with 422, writing nothing', async (path, body) => {
  const before = await warehouseApi.harness.readAll();
  const refused = await call(httpEvent('POST', path, { tenantId: 'edge', body: JSON.stringify(body) }));
  expect(refused).toEqual({
    status: 422,
    body: {
      error: expect.objectContaining({ code: 'UNKNOWN_WAREHOUSE', details: { warehouseId: 'elsewhere' } }),
    },
  });
  expect(await warehouseApi.harness.readAll()).toEqual(before);
});

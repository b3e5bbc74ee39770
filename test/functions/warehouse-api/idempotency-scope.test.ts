import { makeHandler } from '../../../functions/warehouse-api/index.js';
import { receiveOrder } from '../../../shared/use-cases/receive-order.js';
import { incoming } from '../../support/engine-fixtures.js';
import { handlerOnOwnTables } from '../../support/handler-on-own-tables.js';
import { httpEvent, lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { receiveStockLines } from '../../support/stock-receipt.js';
import { webhookTenant } from '../../support/webhook-requests.js';

/**
 * DESIGN §11: idempotency keys are scoped to tenant and route (receipts also to warehouse) and
 * bound to the request: the same key with a different request is a 422, never a silent duplicate.
 */
const TENANT = 't1';
const warehouseApi = handlerOnOwnTables('warehouse-idempotency', makeHandler, {
  publisher: new InMemoryPublisher(),
  // Receipts go only to warehouses the tenant has (422 UNKNOWN_WAREHOUSE otherwise).
  tenants: [webhookTenant(TENANT, { warehouses: ['main', 'east'] })],
});
const post = async (
  path: string,
  routeKey: string,
  options: { body?: string; key?: string; orderId?: string } = {},
) => {
  const response = await warehouseApi.handler(
    httpEvent('POST', path, {
      tenantId: TENANT,
      routeKey,
      ...(options.body ? { body: options.body } : {}),
      ...(options.key ? { headers: { 'Idempotency-Key': options.key } } : {}),
      ...(options.orderId ? { pathParameters: { orderId: options.orderId } } : {}),
    }),
    lambdaContext(),
  );
  return { statusCode: response.statusCode, body: JSON.parse(String(response.body)) };
};

const readyOrder = async (orderId: string) => {
  const { ports } = warehouseApi.harness;
  await receiveStockLines(ports, TENANT, `stock-${orderId}`, [['S', 1]]);
  await receiveOrder(ports, TENANT, incoming(orderId, [['S', 1]]), `evt-${orderId}`);
};
const started = (orderId: string, key: string) =>
  post(`/orders/${orderId}/fulfilment-started`, 'POST /orders/{orderId}/fulfilment-started', {
    key,
    orderId,
  });

it('applies receipts with the same receipt id at two warehouses, each once', async () => {
  const receipt = (warehouseId: string) =>
    JSON.stringify({ receiptId: 'R-shared', warehouseId, lines: [{ sku: 'W', quantity: 5 }] });

  const main = await post('/stock/receipts', 'POST /stock/receipts', { body: receipt('main') });
  const east = await post('/stock/receipts', 'POST /stock/receipts', { body: receipt('east') });
  const eastAgain = await post('/stock/receipts', 'POST /stock/receipts', { body: receipt('east') });

  expect([main.body.status, east.body.status, eastAgain.body.status]).toEqual([
    'applied',
    'applied',
    'duplicate',
  ]);
  const state = await warehouseApi.harness.readAll();
  const levels = state.stock
    .filter((level) => level.sku === 'W')
    .map((level) => [level.warehouseId, level.onHand]);
  expect(levels.sort()).toEqual([
    ['east', 5],
    ['main', 5],
  ]);
});

it('scopes an Idempotency-Key to its route: the same key on another route is another request', async () => {
  await readyOrder('O-route');

  const first = await started('O-route', 'key-route');
  const second = await post('/orders/O-route/dispatched', 'POST /orders/{orderId}/dispatched', {
    key: 'key-route',
    orderId: 'O-route',
  });

  expect([first.statusCode, first.body.status]).toEqual([200, 'applied']);
  expect([second.statusCode, second.body.status]).toEqual([200, 'applied']);
  const state = await warehouseApi.harness.readAll();
  expect(state.orders.find((order) => order.orderId === 'O-route')?.status).toBe('Dispatched');
});

it('refuses the same Idempotency-Key with a different request with a 422, and answers a true repeat as a duplicate', async () => {
  await readyOrder('O-a');
  await readyOrder('O-b');

  const first = await started('O-a', 'key-reused');
  const repeat = await started('O-a', 'key-reused');
  const other = await started('O-b', 'key-reused');

  expect(first.body.status).toBe('applied');
  expect([repeat.statusCode, repeat.body.status]).toEqual([200, 'duplicate']);
  expect(other.statusCode).toBe(422);
  expect(other.body).toEqual({
    error: { code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String), details: expect.any(Object) },
  });
  const state = await warehouseApi.harness.readAll();
  expect(state.orders.find((order) => order.orderId === 'O-b')?.status).toBe('ReadyToPick');
});

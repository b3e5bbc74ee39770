import { makeHandler } from '../../../functions/warehouse-api/index.js';
import { handlerOnOwnTables } from '../../support/handler-on-own-tables.js';
import { httpEvent, lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { webhookTenant } from '../../support/webhook-requests.js';

const publisher = new InMemoryPublisher();
const warehouseApi = handlerOnOwnTables('warehouse-api', makeHandler, {
  publisher,
  tenants: [webhookTenant('t1')],
});

it('takes a receipt and answers what it changed', async () => {
  const response = await warehouseApi.handler(
    httpEvent('POST', '/stock/receipts', {
      tenantId: 't1',
      body: JSON.stringify({ receiptId: 'R1', warehouseId: 'main', lines: [{ sku: 'A', quantity: 5 }] }),
    }),
    lambdaContext(),
  );
  expect(response.statusCode).toBe(200);
  const state = await warehouseApi.harness.readAll();
  expect(state.stock).toEqual([expect.objectContaining({ sku: 'A', onHand: 5, allocated: 0 })]);
});

it('refuses a body that is not JSON with a machine-readable 400', async () => {
  const response = await warehouseApi.handler(
    httpEvent('POST', '/stock/receipts', { tenantId: 't1', body: '{' }),
    lambdaContext(),
  );
  expect(response.statusCode).toBe(400);
  expect(JSON.parse(String(response.body))).toEqual({
    error: expect.objectContaining({ code: 'INVALID_INPUT' }),
  });
});

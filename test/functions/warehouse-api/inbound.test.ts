import { makeHandler } from '../../../functions/warehouse-api/index.js';
import { handlerOnOwnTables } from '../../support/handler-on-own-tables.js';
import { httpEvent, lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { webhookTenant } from '../../support/webhook-requests.js';

const warehouseApi = handlerOnOwnTables('warehouse-inbound', makeHandler, {
  publisher: new InMemoryPublisher(),
  tenants: [webhookTenant('t1')],
});

const post = async (path: string, body: unknown) => {
  const response = await warehouseApi.handler(
    httpEvent('POST', path, { tenantId: 't1', body: JSON.stringify(body) }),
    lambdaContext(),
  );
  return { status: response.statusCode, body: JSON.parse(String(response.body)) };
};

const po = (extra: Record<string, unknown> = {}) => ({
  inboundId: 'PO-1',
  warehouseId: 'main',
  sku: 'A',
  quantity: 5,
  eta: '2026-12-03T00:00:00Z',
  ...extra,
});

const storedLines = () =>
  warehouseApi.harness.repository.loadInbound('t1', [{ warehouseId: 'main', sku: 'A' }]);

it('applies a newer change, answers an older one `stale` and keeps the newer', async () => {
  expect(await post('/inbound', po({ updatedAt: '2026-12-01T10:00:00Z' }))).toEqual({
    status: 200,
    body: { status: 'applied', inboundId: 'PO-1' },
  });
  expect((await post('/inbound', po({ quantity: 7, updatedAt: '2026-12-01T12:00:00Z' }))).body.status).toBe(
    'applied',
  );
  expect(await post('/inbound', po({ quantity: 1, updatedAt: '2026-12-01T11:00:00Z' }))).toEqual({
    status: 200,
    body: { status: 'stale', inboundId: 'PO-1' },
  });
  expect(await storedLines()).toEqual([
    expect.objectContaining({ quantity: 7, updatedAt: '2026-12-01T12:00:00.000Z' }),
  ]);
});

it('counts a receipt line naming the inbound line against it, once', async () => {
  const receipt = {
    receiptId: 'R-1',
    warehouseId: 'main',
    lines: [{ sku: 'A', quantity: 3, inboundId: 'PO-1' }],
  };
  expect((await post('/stock/receipts', receipt)).status).toBe(200);
  expect((await post('/stock/receipts', receipt)).body.status).toBe('duplicate');
  expect(await storedLines()).toEqual([expect.objectContaining({ quantity: 7, received: 3 })]);
});

it.each([
  ['a negative quantity', po({ quantity: -1 })],
  ['a version that is not a time', po({ updatedAt: 'yesterday' })],
  ['an unknown field', po({ colour: 'red' })],
])('refuses an inbound change with %s: 400, nothing written', async (_name, body) => {
  const before = await storedLines();
  const answer = await post('/inbound', { ...body, inboundId: 'PO-bad' });
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('INVALID_INPUT');
  expect(await storedLines()).toEqual(before);
});

it('refuses a receipt naming supply not expected for that SKU: 400, nothing received', async () => {
  const answer = await post('/stock/receipts', {
    receiptId: 'R-2',
    warehouseId: 'main',
    lines: [{ sku: 'A', quantity: 3, inboundId: 'PO-nope' }],
  });
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('UNKNOWN_INBOUND');
  const state = await warehouseApi.harness.readAll();
  expect(state.stock.find((level) => level.sku === 'A')?.onHand).toBe(3);
});

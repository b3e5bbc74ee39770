import { makeHandler } from '../../../functions/warehouse-api/index.js';
import { wireAdapters } from '../../../shared/runtime/adapters.js';
import { httpEvent, lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';

let harness: RepositoryHarness;
const publisher = new InMemoryPublisher();
let handler: ReturnType<typeof makeHandler>;

beforeAll(async () => {
  harness = await createRepositoryHarness('warehouse-api');
  const wiring = wireAdapters({
    documents: harness.tables.client,
    tableName: harness.tables.tableName,
    publisher,
  });
  handler = makeHandler(() => wiring);
}, 60_000);
afterAll(() => harness.drop());

it('takes a receipt and answers what it changed', async () => {
  const response = await handler(
    httpEvent('POST', '/stock/receipts', {
      tenantId: 't1',
      body: JSON.stringify({ receiptId: 'R1', warehouseId: 'main', lines: [{ sku: 'A', quantity: 5 }] }),
    }),
    lambdaContext(),
  );
  expect(response.statusCode).toBe(200);
  const state = await harness.readAll();
  expect(state.stock).toEqual([expect.objectContaining({ sku: 'A', onHand: 5, allocated: 0 })]);
});

it('refuses a body that is not JSON with a machine-readable 400', async () => {
  const response = await handler(
    httpEvent('POST', '/stock/receipts', { tenantId: 't1', body: '{' }),
    lambdaContext(),
  );
  expect(response.statusCode).toBe(400);
  expect(JSON.parse(String(response.body))).toEqual({
    error: expect.objectContaining({ code: 'INVALID_INPUT' }),
  });
});

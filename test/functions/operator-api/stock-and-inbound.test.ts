import { inboundView, stockView } from '../../../shared/api/response-schemas.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';

const TENANT = 'stock-1';
let api: OperatorApi;

beforeAll(async () => {
  api = await createOperatorApi('operator-stock');
  await api.wiring.directory.saveTenant({
    tenantId: TENANT,
    defaultWarehouseId: 'main',
    warehouses: ['main', 'east', 'west'],
    channelWarehouses: {},
    webhookSecrets: {},
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  await api.receive(TENANT, 'A', 5, 'main');
  await api.receive(TENANT, 'A', 3, 'east');
  await api.receive(TENANT, 'B', 1, 'main');
  await api.seedOrder(TENANT, incoming('o-1', [['A', 2]]));
  const supply = { tenantId: TENANT, sku: 'A', quantity: 4 };
  await api.harness.addInbound({
    ...supply,
    inboundId: 'PO-2',
    warehouseId: 'main',
    eta: '2026-12-10T00:00:00.000Z',
  });
  await api.harness.addInbound({
    ...supply,
    inboundId: 'PO-1',
    warehouseId: 'west',
    eta: '2026-12-05T00:00:00.000Z',
  });
  await api.harness.addInbound({
    ...supply,
    inboundId: 'PO-3',
    warehouseId: 'main',
    sku: 'B',
    eta: '2026-12-01T00:00:00.000Z',
  });
}, 120_000);
afterAll(() => api.drop());

/** An open inbound line as listed, nothing of it received yet. */
const open = (inboundId: string, warehouseId: string, quantity: number, eta: string) => ({
  inboundId,
  warehouseId,
  quantity,
  received: 0,
  outstanding: quantity,
  eta,
});

const get = async (path: string, query: Record<string, string>, tenantId = TENANT) => {
  const answer = await api.call('GET', path, { tenantId, query });
  expect(answer.status).toBe(200);
  return answer.body;
};

it("shows a SKU's stock in every warehouse, with what is available", async () => {
  expect(stockView.parse(await get('/stock', { sku: 'A' }))).toEqual({
    sku: 'A',
    levels: [
      { warehouseId: 'east', onHand: 3, allocated: 0, available: 3 },
      { warehouseId: 'main', onHand: 5, allocated: 2, available: 3 },
    ],
    total: { onHand: 8, allocated: 2, available: 6 },
  });
  expect(stockView.parse(await get('/stock', { sku: 'A', warehouse: 'main' })).levels).toEqual([
    { warehouseId: 'main', onHand: 5, allocated: 2, available: 3 },
  ]);
  expect(await get('/stock', { sku: 'NONE' })).toEqual({
    sku: 'NONE',
    levels: [],
    total: { onHand: 0, allocated: 0, available: 0 },
  });
});

it("lists a SKU's expected supply in every warehouse the tenant knows, soonest first", async () => {
  expect(inboundView.parse(await get('/inbound', { sku: 'A' }))).toEqual({
    sku: 'A',
    inbound: [
      open('PO-1', 'west', 4, '2026-12-05T00:00:00.000Z'),
      open('PO-2', 'main', 4, '2026-12-10T00:00:00.000Z'),
    ],
    total: 8,
  });
  expect(
    (await get('/inbound', { sku: 'A', warehouse: 'west' })).inbound.map(
      (item: { inboundId: string }) => item.inboundId,
    ),
  ).toEqual(['PO-1']);
  expect((await get('/inbound', { sku: 'B' })).total).toBe(4);
});

it('lists only open supply: a line fully received or set to 0 is closed', async () => {
  const tenant = 'stock-3';
  const po = (inboundId: string, quantity: number) =>
    api.harness.addInbound({
      tenantId: tenant,
      sku: 'A',
      quantity,
      inboundId,
      warehouseId: 'north',
      eta: '2026-12-01T00:00:00.000Z',
    });
  await po('PO-open', 5);
  await po('PO-received', 5);
  await po('PO-zero', 0);
  await api.harness.repository.receiveAgainstInbound(tenant, 'receipt#north#R1', [
    { warehouseId: 'north', sku: 'A', inboundId: 'PO-open', quantity: 2 },
    { warehouseId: 'north', sku: 'A', inboundId: 'PO-received', quantity: 5 },
  ]);
  expect(inboundView.parse(await get('/inbound', { sku: 'A', warehouse: 'north' }, tenant))).toEqual({
    sku: 'A',
    inbound: [{ ...open('PO-open', 'north', 5, '2026-12-01T00:00:00.000Z'), received: 2, outstanding: 3 }],
    total: 3,
  });
});

it('reads the warehouses that hold the SKU when the tenant has no profile', async () => {
  const other = 'stock-2';
  await api.receive(other, 'A', 1, 'north');
  await api.harness.addInbound({
    tenantId: other,
    sku: 'A',
    quantity: 2,
    inboundId: 'PO-9',
    warehouseId: 'north',
    eta: '2026-12-01T00:00:00.000Z',
  });
  expect((await get('/inbound', { sku: 'A' }, other)).inbound).toEqual([
    open('PO-9', 'north', 2, '2026-12-01T00:00:00.000Z'),
  ]);
});

it.each([
  ['/stock', {}],
  ['/stock', { sku: '' }],
  ['/stock', { sku: 'A', colour: 'red' }],
  ['/inbound', {}],
  ['/inbound', { sku: 'x'.repeat(201) }],
])('refuses GET %s with %j', async (path, query) => {
  const answer = await api.call('GET', path, { tenantId: TENANT, query });
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('INVALID_INPUT');
});

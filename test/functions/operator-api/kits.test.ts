import { orderDetailView } from '../../../shared/api/response-schemas.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';

/** `GET/PUT /kits/{sku}` (DESIGN §14) through the operator API's handler, on DynamoDB Local. */
let api: OperatorApi;
beforeAll(async () => {
  api = await createOperatorApi('operator-kits');
}, 120_000);
afterAll(() => api.drop());

const put = (tenantId: string, sku: string, body: unknown) =>
  api.call('PUT', `/kits/${sku}`, { tenantId, body });
const get = (tenantId: string, sku: string) => api.call('GET', `/kits/${sku}`, { tenantId });
const c = (sku: string, quantity: number) => ({ sku, quantity });

it('makes a SKU a kit, shows it, and replaces its components', async () => {
  const put1 = await put('kits-a', 'GIFT-BOX', { components: [c('A', 2), c('B', 1)] });
  expect(put1).toMatchObject({ status: 200, body: { sku: 'GIFT-BOX', components: [c('A', 2), c('B', 1)] } });
  expect(await get('kits-a', 'GIFT-BOX')).toMatchObject({ status: 200, body: put1.body });

  await put('kits-a', 'GIFT-BOX', { components: [c('A', 3)] });
  expect((await get('kits-a', 'GIFT-BOX')).body).toEqual({ sku: 'GIFT-BOX', components: [c('A', 3)] });
});

it('a SKU that is not a kit, or another tenant’s kit, is not found', async () => {
  await put('kits-b', 'MINE', { components: [c('A', 1)] });
  for (const [tenant, sku] of [
    ['kits-b', 'NOT-A-KIT'],
    ['kits-other', 'MINE'],
  ]) {
    expect(await get(tenant as string, sku as string)).toMatchObject({
      status: 404,
      body: { error: { code: 'KIT_NOT_FOUND', message: `SKU ${sku} is not a kit`, details: { sku } } },
    });
  }
});

it.each([
  ['no components', { components: [] }],
  ['a zero quantity', { components: [c('A', 0)] }],
  ['a fractional quantity', { components: [c('A', 0.5)] }],
  ['a repeated component', { components: [c('A', 1), c('A', 1)] }],
  ['an unknown field', { components: [c('A', 1)], note: 'x' }],
  ['itself as a component', { components: [c('SELF', 1)] }, 'SELF'],
  ['a kit that contains it', { components: [c('OUTER', 1)] }, 'INNER'],
])('refuses %s with 400 and writes nothing', async (_, body, sku = 'INNER') => {
  const tenant = 'kits-c';
  await put(tenant, 'INNER', { components: [c('A', 1)] });
  await put(tenant, 'OUTER', { components: [c('INNER', 2)] });
  const answer = await put(tenant, sku, body);
  expect(answer.status).toBe(400);
  expect(answer.body.error).toMatchObject({
    code: 'INVALID_INPUT',
    message: expect.any(String),
    details: expect.any(Object),
  });
  expect((await get(tenant, 'INNER')).body).toEqual({ sku: 'INNER', components: [c('A', 1)] });
  expect((await get(tenant, 'SELF')).status).toBe(404);
});

it('without an authorized tenant, answers 401 and writes nothing', async () => {
  const answer = await api.call('PUT', '/kits/NOAUTH', { tenantId: null, body: { components: [c('A', 1)] } });
  expect(answer.status).toBe(401);
  expect((await get('kits-d', 'NOAUTH')).status).toBe(404);
});

it('the order view shows a kit line with its components: kits allocated, and each component allocated and short', async () => {
  const tenant = 'kits-view';
  await put(tenant, 'K', { components: [c('A', 2), c('B', 1)] });
  await api.receive(tenant, 'A', 4);
  await api.receive(tenant, 'B', 1);
  await api.seedOrder(tenant, incoming('kit-order', [['K', 2]]));

  const answer = await api.call('GET', '/orders/kit-order', { tenantId: tenant });
  expect(answer.status).toBe(200);
  const view = orderDetailView.parse(answer.body);
  expect(view.order.status).toBe('AwaitingStock');
  expect(view.order.kitLines).toEqual([
    {
      lineId: '1',
      sku: 'K',
      quantity: 2,
      kitsAllocated: 1,
      components: [
        { lineId: '1/A', sku: 'A', perKit: 2, quantity: 4, allocated: 2, shortfall: 2 },
        { lineId: '1/B', sku: 'B', perKit: 1, quantity: 2, allocated: 1, shortfall: 1 },
      ],
    },
  ]);
  expect(view.order.lines).toMatchObject([
    { lineId: '1/A', sku: 'A', kitLineId: '1', kitSku: 'K', allocated: 2 },
    { lineId: '1/B', sku: 'B', kitLineId: '1', kitSku: 'K', allocated: 1 },
  ]);
});

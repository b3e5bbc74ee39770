import { type OperationIdOf, routesOf } from '../../../shared/api/routes.js';
import { incoming } from '../../support/engine-fixtures.js';
import { type LocalTopic, startLocalTopic } from '../../support/local-topic.js';
import { type CallOptions, createOperatorApi, type OperatorApi } from '../../support/operator-api.js';
import { tenantState } from '../../support/stored-state.js';

/**
 * Every operator route, called with another tenant's key on the first tenant's order, SKU and
 * cursor: nothing of the first tenant is ever answered, and nothing of it changes.
 */
const OWNER = 'iso-owner';
const INTRUDER = 'iso-intruder';
const SECRET_NAME = 'Hedy Lamarr';
let api: OperatorApi;
let ownerCursor: string;

let topic: LocalTopic;
let ownerRecipient: string;

beforeAll(async () => {
  topic = await startLocalTopic();
  api = await createOperatorApi('operator-isolation', undefined, { subscriptions: topic.subscriptions });
  ownerRecipient = (
    await api.call('POST', '/notifications/recipients', {
      tenantId: OWNER,
      body: { protocol: 'email', endpoint: 'secret-ops@example.com', eventTypes: ['Split'] },
    })
  ).body.recipientId;
  await api.harness.setPolicies(OWNER, {
    tenant: { autoAllocate: false },
    channels: { shopify: { splitSupported: true } },
  });
  await api.receive(OWNER, 'SECRET-SKU', 5);
  await api.call('PUT', '/kits/SECRET-KIT', {
    tenantId: OWNER,
    body: { components: [{ sku: 'SECRET-SKU', quantity: 7 }] },
  });
  for (const k of [1, 2, 3]) {
    await api.seedOrder(
      OWNER,
      incoming(`iso-${k}`, [['SECRET-SKU', 10]], { customer: { name: SECRET_NAME } }),
    );
  }
  await api.harness.addInbound({
    tenantId: OWNER,
    inboundId: 'PO-SECRET',
    warehouseId: 'main',
    sku: 'SECRET-SKU',
    quantity: 9,
    eta: '2026-12-01T00:00:00.000Z',
  });
  ownerCursor = (await api.call('GET', '/orders', { tenantId: OWNER, query: { limit: '1' } })).body.cursor;
}, 120_000);
afterAll(async () => {
  await api.drop();
  await topic.stop();
});

type Probe = Array<CallOptions & { path: string; status: number }>;
const reason = { reason: 'not mine' };
const actProbes = (name: string, body: unknown = reason): Probe => [
  { path: `/orders/iso-1/${name}`, body, headers: { 'Idempotency-Key': `iso-${name}` }, status: 404 },
  { path: `/orders/iso-1/${name}`, body, query: { dryRun: 'true' }, status: 404 },
];

const PROBES: Record<OperationIdOf<'operator-api'>, Probe> = {
  listOrders: [
    { path: '/orders', status: 200 },
    { path: '/orders', query: { sku: 'SECRET-SKU', customer: 'hedy' }, status: 200 },
    { path: '/orders', query: { fillable: 'true' }, status: 200 },
    { path: '/orders', query: { cursor: 'x' }, status: 400 },
    { path: '/orders', query: { limit: '1', cursor: '' }, status: 400 },
  ],
  getOrder: [{ path: '/orders/iso-1', status: 404 }],
  allocateOrder: actProbes('allocate', { lines: [{ lineId: '1', quantity: 1 }], reason: 'not mine' }),
  releaseOrder: actProbes('release'),
  holdOrder: actProbes('hold'),
  unholdOrder: actProbes('unhold'),
  splitOrder: actProbes('split'),
  cancelOrder: actProbes('cancel'),
  setOrderStrategy: actProbes('strategy', { strategy: 'win', reason: 'not mine' }),
  actOnOrders: [false, true].map((dryRun) => ({
    path: '/orders/acts',
    body: { act: 'cancel', orderIds: ['iso-1'], reason: 'not mine', dryRun },
    status: 200,
  })),
  getSummary: [
    { path: '/summary', status: 200 },
    { path: '/summary', query: { warehouse: 'main' }, status: 200 },
  ],
  getStock: [{ path: '/stock', query: { sku: 'SECRET-SKU' }, status: 200 }],
  listInbound: [{ path: '/inbound', query: { sku: 'SECRET-SKU' }, status: 200 }],
  getPolicies: [{ path: '/policies', status: 200 }],
  putTenantPolicy: [{ path: '/policies', body: { onShortage: 'reject' }, status: 200 }],
  putChannelPolicy: [{ path: '/policies/channels/shopify', body: { splitSupported: false }, status: 200 }],
  putSkuPolicy: [{ path: '/policies/skus/SECRET-SKU', body: { autoAllocate: true }, status: 200 }],
  getOpenApi: [{ path: '/openapi.json', status: 200 }],
  getKit: [{ path: '/kits/SECRET-KIT', status: 404 }],
  putKit: [{ path: '/kits/SECRET-KIT', body: { components: [{ sku: 'OTHER', quantity: 1 }] }, status: 200 }],
  listRecipients: [{ path: '/notifications/recipients', status: 200 }],
  addRecipient: [
    {
      path: '/notifications/recipients',
      body: { protocol: 'sms', endpoint: '+4799999999', eventTypes: ['Split'] },
      status: 200,
    },
  ],
  removeRecipient: [{ path: '/notifications/recipients/{owner}', status: 404 }],
};

const OPERATOR_ROUTES = routesOf('operator-api');

it.each(OPERATOR_ROUTES.map((route) => [route.operationId, route.method, route.path] as const))(
  "%s (%s %s) with another tenant's key answers nothing of the owner's and changes nothing of it",
  async (operationId, method) => {
    const before = tenantState(await api.harness.readAll(), OWNER).items;
    for (const probe of PROBES[operationId as OperationIdOf<'operator-api'>]) {
      const { status, ...options } = probe;
      const path = probe.path.replace('{owner}', ownerRecipient);
      const query = probe.query?.cursor === '' ? { ...probe.query, cursor: ownerCursor } : probe.query;
      const answer = await api.call(method, path, {
        ...options,
        ...(query ? { query } : {}),
        tenantId: INTRUDER,
      });
      expect([path, answer.status]).toEqual([path, status]);
      const text = JSON.stringify(answer.body);
      // A 404 names the id the caller sent, exactly as for an id no tenant has; nothing else.
      for (const secret of [
        // A 404, or a bulk act's refusal, names the id the caller sent; nothing else.
        ...(status === 404 || path === '/orders/acts' ? [] : ['iso-1']),
        'iso-2',
        SECRET_NAME,
        'PO-SECRET',
        '"onHand":5',
        'autoAllocate":false',
        'secret-ops@example.com',
      ]) {
        if (operationId !== 'getOpenApi') expect(text).not.toContain(secret);
      }
      if (status === 200 && path === '/orders') expect(answer.body.orders).toEqual([]);
      if (path === '/stock') expect(answer.body.levels).toEqual([]);
      if (path === '/summary') expect(answer.body).toMatchObject({ waitingOrders: 0, shortBySku: [] });
      if (path === '/orders/acts') {
        expect(answer.body.results).toEqual([
          expect.objectContaining({ orderId: 'iso-1', outcome: 'refused', status: 404 }),
        ]);
        expect(answer.body.results[0].error.code).toBe('ORDER_NOT_FOUND');
      }
      if (path === '/inbound') expect(answer.body.inbound).toEqual([]);
      if (operationId === 'listRecipients') expect(answer.body.recipients).toEqual([]);
      if (operationId === 'removeRecipient') {
        expect(answer.body.error.code).toBe('RECIPIENT_NOT_FOUND');
      } else if (operationId === 'getKit') {
        expect(answer.body.error.code).toBe('KIT_NOT_FOUND');
        expect(text).not.toContain('"quantity":7');
      } else if (status === 404) {
        expect(answer.body).toEqual({
          error: {
            code: 'ORDER_NOT_FOUND',
            message: 'Order iso-1 was not found',
            details: { orderId: 'iso-1' },
          },
        });
      }
    }
    expect(tenantState(await api.harness.readAll(), OWNER).items).toEqual(before);
  },
);

it("still serves the owner: the intruder's policy writes are the intruder's own", async () => {
  const owner = await api.call('GET', '/policies', { tenantId: OWNER });
  expect(owner.body.config).toEqual({
    tenant: { autoAllocate: false },
    channels: { shopify: { splitSupported: true } },
  });
  const intruder = await api.call('GET', '/policies', { tenantId: INTRUDER });
  expect(intruder.body.config.tenant).toEqual({ onShortage: 'reject' });
  expect((await api.call('GET', '/orders', { tenantId: OWNER })).body.orders).toHaveLength(3);
});

import { policiesView } from '../../../shared/api/response-schemas.js';
import { SERVICE_DEFAULTS } from '../../../shared/policy/policy.js';
import { incoming } from '../../support/engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';

let api: OperatorApi;
let tenants = 0;
const newTenant = () => `pol-${++tenants}`;

beforeAll(async () => {
  api = await createOperatorApi('operator-policies');
}, 120_000);
afterAll(() => api.drop());

const put = (tenantId: string, path: string, body: unknown) => api.call('PUT', path, { tenantId, body });
const policies = async (tenantId: string) => {
  const answer = await api.call('GET', '/policies', { tenantId });
  expect(answer.status).toBe(200);
  return policiesView.parse(answer.body);
};

it('starts from the service defaults with no layers', async () => {
  expect(await policies(newTenant())).toEqual({ defaults: SERVICE_DEFAULTS, config: {}, version: 0 });
});

it('replaces the tenant, channel and SKU layers one at a time, and intake follows them', async () => {
  const tenantId = newTenant();
  expect((await put(tenantId, '/policies', { onShortage: 'split', splitDelayDays: 0 })).status).toBe(200);
  await put(tenantId, '/policies/channels/shopify', { splitSupported: false });
  await put(tenantId, '/policies/skus/MUG-1', {
    priority: 'shipBy',
    minimumFill: { kind: 'units', value: 1 },
  });
  const answer = await put(tenantId, '/policies', { onShortage: 'holdAll' });
  expect(policiesView.parse(answer.body)).toEqual({
    defaults: SERVICE_DEFAULTS,
    config: {
      tenant: { onShortage: 'holdAll' },
      channels: { shopify: { splitSupported: false } },
      skus: { 'MUG-1': { priority: 'shipBy', minimumFill: { kind: 'units', value: 1 } } },
    },
    version: 4,
  });
  expect(await policies(tenantId)).toEqual(policiesView.parse(answer.body));
  const intake = await api.seedOrder(tenantId, incoming('o-1', [['MUG-1', 2]], { channel: 'erp' }));
  expect(intake.kind === 'accepted' && intake.decision.history[0]?.policy?.sources.onShortage).toBe('tenant');
  expect(intake.kind === 'accepted' && intake.decision.history[0]?.policy?.values.onShortage).toBe('holdAll');
});

it('drops a layer set to nothing', async () => {
  const tenantId = newTenant();
  await put(tenantId, '/policies/channels/shopify', { splitSupported: false });
  await put(tenantId, '/policies/channels/erp', { autoAllocate: false });
  expect((await put(tenantId, '/policies/channels/shopify', {})).body.config).toEqual({
    channels: { erp: { autoAllocate: false } },
  });
  expect((await put(tenantId, '/policies/channels/erp', {})).body.config).toEqual({});
});

it('keeps the layers of a configuration written before versions, and counts from it', async () => {
  const tenantId = newTenant();
  await api.harness.setPolicies(tenantId, { tenant: { autoAllocate: false } });
  expect((await policies(tenantId)).version).toBe(0);
  const answer = await put(tenantId, '/policies/skus/A', { reserveWhileWaiting: false });
  expect(answer.body).toMatchObject({
    config: { tenant: { autoAllocate: false }, skus: { A: { reserveWhileWaiting: false } } },
    version: 1,
  });
});

it('loses no layer when PUTs race', async () => {
  const tenantId = newTenant();
  const channels = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
  const answers = await Promise.all([
    ...channels.map((channel) => put(tenantId, `/policies/channels/${channel}`, { autoAllocate: false })),
    put(tenantId, '/policies', { onShortage: 'reject' }),
    put(tenantId, '/policies/skus/S', { priority: 'fifo' }),
  ]);
  expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
  const final = await policies(tenantId);
  expect(final.version).toBe(8);
  expect(Object.keys(final.config.channels ?? {}).sort()).toEqual(channels);
  expect(final.config.tenant).toEqual({ onShortage: 'reject' });
  expect(final.config.skus).toEqual({ S: { priority: 'fifo' } });
});

it.each([
  ['/policies', { onShortage: 'sometimes' }],
  ['/policies', { autoAllocate: 'yes' }],
  ['/policies', { colour: 'red' }],
  ['/policies', []],
  ['/policies', 'null'],
  ['/policies/channels/shopify', { splitDelayDays: -1 }],
  ['/policies/skus/A', { minimumFill: { kind: 'percent', value: 101 } }],
  [`/policies/skus/${'x'.repeat(201)}`, { priority: 'fifo' }],
])('refuses PUT %s with %j and writes nothing', async (path, body) => {
  const tenantId = newTenant();
  const writes = api.writeRequests();
  const answer = await put(tenantId, path, body);
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('INVALID_INPUT');
  expect(api.writeRequests()).toBe(writes);
});

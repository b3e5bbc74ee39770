import { policiesView } from '../../../shared/api/response-schemas.js';
import { LIMITS } from '../../../shared/limits.js';
import { createOperatorApi, type OperatorApi } from '../../support/operator-api.js';

/**
 * Names that are also members of every JavaScript object, and request ids too long to be ids:
 * kept as sent or refused with 400, never a 500 or a layer silently dropped.
 */
let api: OperatorApi;
let tenants = 0;

beforeAll(async () => {
  api = await createOperatorApi('operator-edge-names');
}, 120_000);
afterAll(() => api.drop());

it.each([
  ['skus', 'constructor'],
  ['channels', 'constructor'],
  ['skus', '__proto__'],
  ['channels', '__proto__'],
] as const)('PUT /policies/%s/%s is refused with 400 and writes nothing', async (level, name) => {
  const tenantId = `names-${++tenants}`;
  const writes = api.writeRequests();
  const put = await api.call('PUT', `/policies/${level}/${name}`, {
    tenantId,
    body: { splitSupported: false },
  });
  expect(put).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 'INVALID_INPUT' }) } });
  expect(api.writeRequests()).toBe(writes);
});

it.each([
  ['skus', 'toString'],
  ['channels', 'hasOwnProperty'],
] as const)('PUT /policies/%s/%s keeps the layer under that name', async (level, name) => {
  const tenantId = `names-${++tenants}`;
  const put = await api.call('PUT', `/policies/${level}/${name}`, {
    tenantId,
    body: { splitSupported: false },
  });
  expect(put.status).toBe(200);
  const read = await api.call('GET', '/policies', { tenantId });
  expect(read.status).toBe(200);
  const config = policiesView.parse(read.body).config;
  expect(Object.getOwnPropertyDescriptor(config[level] ?? {}, name)?.value).toEqual({
    splitSupported: false,
  });
  expect(Object.keys(config[level] ?? {})).toEqual([name]);
});

it(`refuses an Idempotency-Key over ${LIMITS.idempotencyKeyLength} characters on an order act with 400`, async () => {
  const answer = await api.call('POST', '/orders/o-1/hold', {
    tenantId: 'names-key',
    body: { reason: 'check' },
    headers: { 'Idempotency-Key': 'k'.repeat(2_100) },
  });
  expect(answer).toEqual({
    status: 400,
    body: { error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
  });
});

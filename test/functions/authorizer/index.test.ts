import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { createTenant } from '../../../shared/use-cases/tenants/create-tenant.js';
import { apiKeyId, hashApiKey } from '../../../shared/use-cases/tenants/credentials.js';
import { addOperator, revokeOperator } from '../../../shared/use-cases/tenants/operator-keys.js';
import { rotateApiKey } from '../../../shared/use-cases/tenants/rotate-api-key.js';
import { captureOutput } from '../../support/captured-output.js';
import { lambdaContext } from '../../support/http-events.js';
import { createTenantStore, expectNoneStored, type TenantStore } from '../../support/tenant-store.js';

// Even asked to log every event, the authorizer must not: the event carries the key.
process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
const { makeHandler } = await import('../../../functions/authorizer/index.js');

let store: TenantStore;
let acmeKey: string;
let globexKey: string;
let now = Date.parse('2025-03-01T09:00:00.000Z');
const clock = () => new Date(now).toISOString();

beforeAll(async () => {
  store = await createTenantStore('authorizer');
  acmeKey = (await createTenant(store.directory, { tenantId: 'acme' })).apiKey;
  globexKey = (await createTenant(store.directory, { tenantId: 'globex' })).apiKey;
}, 60_000);
afterAll(() => store.drop());

/** A fresh handler: its own container, so its own cache. */
const newHandler = () => makeHandler(() => ({ directory: store.directory, allocation: { clock } }));

const authorizerEvent = (headers: Record<string, string> = {}): APIGatewayRequestAuthorizerEventV2 => ({
  version: '2.0',
  type: 'REQUEST',
  routeArn: 'arn:aws:execute-api:local:000000000000:api/$default/GET/orders',
  identitySource: Object.values(headers),
  routeKey: 'GET /orders',
  rawPath: '/orders',
  rawQueryString: '',
  cookies: [],
  headers,
  queryStringParameters: {},
  requestContext: {
    accountId: '000000000000',
    apiId: 'local',
    domainName: 'localhost',
    domainPrefix: 'localhost',
    http: { method: 'GET', path: '/orders', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    requestId: `req-${Math.random().toString(36).slice(2)}`,
    routeKey: 'GET /orders',
    stage: '$default',
    time: new Date().toUTCString(),
    timeEpoch: Date.now(),
  },
  pathParameters: {},
  stageVariables: {},
});

const call = (handler: ReturnType<typeof newHandler>, headers?: Record<string, string>) =>
  handler(authorizerEvent(headers), lambdaContext('authorizer'));

/** A call with its log lines kept off the terminal. */
/** A refused key travels to the route, which answers 401 with the error body. */
const refused = {
  isAuthorized: true,
  context: { refused: expect.stringMatching(/^(missing|malformed|unknown)$/) },
};
const keyIdOf = (key: string) => `api-key:${apiKeyId(hashApiKey(key))}`;

const authorize = async (handler: ReturnType<typeof newHandler>, headers?: Record<string, string>) =>
  (await captureOutput(() => call(handler, headers))).result;

it("gives each valid key its own tenant, and never another tenant's", async () => {
  const handler = newHandler();
  expect(await authorize(handler, { authorization: `Bearer ${acmeKey}` })).toEqual({
    isAuthorized: true,
    context: { tenantId: 'acme', principal: keyIdOf(acmeKey) },
  });
  expect(await authorize(handler, { authorization: `Bearer ${globexKey}` })).toEqual({
    isAuthorized: true,
    context: { tenantId: 'globex', principal: keyIdOf(globexKey) },
  });
});

it("gives a named operator's key its tenant and the operator's name, until it is revoked", async () => {
  const { apiKey } = await addOperator(store.directory, 'acme', 'Grace Hopper');
  expect(await authorize(newHandler(), { authorization: `Bearer ${apiKey}` })).toEqual({
    isAuthorized: true,
    context: { tenantId: 'acme', principal: 'Grace Hopper' },
  });
  await revokeOperator(store.directory, 'acme', 'Grace Hopper');
  expect(await authorize(newHandler(), { authorization: `Bearer ${apiKey}` })).toEqual(refused);
});

it('reads the header whatever its case, and the scheme whatever its case', async () => {
  const handler = newHandler();
  expect(await authorize(handler, { Authorization: `bearer ${acmeKey}` })).toMatchObject({
    context: { tenantId: 'acme' },
  });
});

it.each<[string, (key: string) => Record<string, string>]>([
  ['no header', () => ({})],
  ['an empty header', () => ({ authorization: '' })],
  ['no scheme', (key) => ({ authorization: key })],
  ['the Basic scheme', (key) => ({ authorization: `Basic ${key}` })],
  ['a scheme without a key', () => ({ authorization: 'Bearer' })],
  ['two tokens', (key) => ({ authorization: `Bearer ${key} extra` })],
  ['a quoted token', (key) => ({ authorization: `Bearer "${key}"` })],
  ['a key with a character added', (key) => ({ authorization: `Bearer ${key}x` })],
  ['a key with its last character cut', (key) => ({ authorization: `Bearer ${key.slice(0, -1)}` })],
  ['the key in another header', (key) => ({ 'x-api-key': key })],
  ['a well-formed unknown key', () => ({ authorization: `Bearer bo_acme_${'A'.repeat(43)}` })],
  ['a huge token', () => ({ authorization: `Bearer ${'a'.repeat(10_000)}` })],
])('refuses %s', async (_, headers) => {
  expect(await authorize(newHandler(), headers(acmeKey))).toEqual(refused);
});

it('refuses a rotated-out key: at once in a new container, within the cache time in a warm one', async () => {
  const { apiKey: oldKey } = await createTenant(store.directory, { tenantId: 'rotating' });
  const warm = newHandler();
  expect(await authorize(warm, { authorization: `Bearer ${oldKey}` })).toMatchObject({ isAuthorized: true });

  const { apiKey: newKey } = await rotateApiKey(store.directory, 'rotating');

  expect(await authorize(newHandler(), { authorization: `Bearer ${oldKey}` })).toEqual(refused);
  expect(await authorize(newHandler(), { authorization: `Bearer ${newKey}` })).toMatchObject({
    context: { tenantId: 'rotating' },
  });
  now += 31_000;
  expect(await authorize(warm, { authorization: `Bearer ${oldKey}` })).toEqual(refused);
});

it('caches answers briefly: repeated keys, right or wrong, cost one read each', async () => {
  const handler = newHandler();
  const unknown = `bo_acme_${'B'.repeat(43)}`;
  const readsBefore = store.tally.byOperation.GetItem ?? 0;
  for (let i = 0; i < 5; i += 1) {
    await authorize(handler, { authorization: `Bearer ${acmeKey}` });
    await authorize(handler, { authorization: `Bearer ${unknown}` });
  }
  expect((store.tally.byOperation.GetItem ?? 0) - readsBefore).toBe(2);
});

it('never writes the key to its logs, whether it accepts or refuses it', async () => {
  const { output } = await captureOutput(async () => {
    await call(newHandler(), { authorization: `Bearer ${acmeKey}` });
    await call(newHandler(), { authorization: `Bearer ${acmeKey}x` });
  });
  expect(output).toContain('API key refused');
  expect(output).not.toContain(acmeKey.slice(-20));
  expect(output).not.toContain(hashApiKey(acmeKey));
});

it('stores only hashes of the keys it accepts', async () => {
  const items = await store.items();
  expect(items.filter((item) => item.entity === 'apiKey').map((item) => item.pk)).toEqual(
    expect.arrayContaining([`APIKEY#${hashApiKey(acmeKey)}`, `APIKEY#${hashApiKey(globexKey)}`]),
  );
  expectNoneStored(items, [acmeKey, globexKey]);
});

import { InvalidInputError } from '../../../../shared/domain/errors.js';
import { TenantAlreadyExistsError } from '../../../../shared/domain/tenant-errors.js';
import { createTenant } from '../../../../shared/use-cases/tenants/create-tenant.js';
import { hashApiKey } from '../../../../shared/use-cases/tenants/credentials.js';
import { createTenantStore, expectNoneStored, type TenantStore } from '../../../support/tenant-store.js';

let store: TenantStore;
beforeAll(async () => {
  store = await createTenantStore('create-tenant');
}, 60_000);
afterAll(() => store.drop());

const clock = () => '2025-03-01T09:00:00.000Z';

it('creates a tenant with a strong key and three secrets, and stores the key as its hash only', async () => {
  const { tenant, apiKey } = await createTenant(store.directory, { tenantId: 'acme' }, clock);

  expect(apiKey).toMatch(/^bo_acme_[A-Za-z0-9_-]{43}$/);
  expect(tenant).toEqual({
    tenantId: 'acme',
    defaultWarehouseId: 'main',
    warehouses: ['main'],
    channelWarehouses: {},
    webhookSecrets: {
      shopify: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      woocommerce: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      orders: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    },
    createdAt: '2025-03-01T09:00:00.000Z',
  });
  expect(new Set(Object.values(tenant.webhookSecrets)).size).toBe(3);
  expect(await store.directory.getTenant('acme')).toEqual(tenant);
  expect(await store.directory.tenantForApiKeyHash(hashApiKey(apiKey))).toBe('acme');

  const items = await store.items();
  expect(items.map(({ pk, sk }) => `${pk} ${sk}`)).toEqual(
    expect.arrayContaining([`APIKEY#${hashApiKey(apiKey)} APIKEY`, 'T#acme PROFILE', 'TENANTS acme']),
  );
  expectNoneStored(items, [apiKey]);
});

it('gives every tenant its own key and secrets', async () => {
  const first = await createTenant(store.directory, { tenantId: 'north' });
  const second = await createTenant(store.directory, { tenantId: 'south' });
  expect(first.apiKey).not.toBe(second.apiKey);
  expect(Object.values(first.tenant.webhookSecrets)).not.toEqual(
    expect.arrayContaining(Object.values(second.tenant.webhookSecrets).slice(0, 1)),
  );
  expect(await store.directory.tenantForApiKeyHash(hashApiKey(second.apiKey))).toBe('south');
});

it('refuses an existing tenant id and leaves the tenant and its key as they were', async () => {
  const original = await createTenant(store.directory, { tenantId: 'taken' });
  const before = await store.items();

  await expect(createTenant(store.directory, { tenantId: 'taken' })).rejects.toThrow(
    TenantAlreadyExistsError,
  );

  expect(await store.items()).toEqual(before);
  expect(await store.directory.tenantForApiKeyHash(hashApiKey(original.apiKey))).toBe('taken');
});

it('lets exactly one of two concurrent creations of the same id win', async () => {
  const attempts = await Promise.allSettled([
    createTenant(store.directory, { tenantId: 'racy' }),
    createTenant(store.directory, { tenantId: 'racy' }),
  ]);
  const won = attempts.flatMap((attempt) => (attempt.status === 'fulfilled' ? [attempt.value] : []));
  const lost = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason] : []));
  expect(won).toHaveLength(1);
  expect(lost).toEqual([expect.any(TenantAlreadyExistsError)]);
  expect(await store.directory.getTenant('racy')).toEqual(won[0]?.tenant);
  const keyItems = (await store.items()).filter(
    (item) => item.entity === 'apiKey' && item.tenantId === 'racy',
  );
  expect(keyItems).toHaveLength(1);
});

it('keeps the default warehouse first among the warehouses it knows', async () => {
  const { tenant } = await createTenant(store.directory, {
    tenantId: 'multi',
    defaultWarehouseId: 'syd',
    warehouses: ['mel', 'syd', 'per'],
  });
  expect(tenant).toMatchObject({ defaultWarehouseId: 'syd', warehouses: ['syd', 'mel', 'per'] });
});

it.each([
  ['uppercase', 'Acme'],
  ['empty', ''],
  ['a key separator', 'a#b'],
  ['a slash', 'a/b'],
  ['a space', 'a b'],
  ['a leading hyphen', '-acme'],
  ['a trailing hyphen', 'acme-'],
  ['65 characters', 'a'.repeat(65)],
])('refuses a tenant id with %s and writes nothing', async (_, tenantId) => {
  const before = await store.items();
  await expect(createTenant(store.directory, { tenantId })).rejects.toThrow(InvalidInputError);
  expect(await store.items()).toEqual(before);
});

it('refuses a warehouse id that would break a table key', async () => {
  await expect(
    createTenant(store.directory, { tenantId: 'badwh', defaultWarehouseId: 'main', warehouses: ['x#y'] }),
  ).rejects.toThrow(InvalidInputError);
  expect(await store.directory.getTenant('badwh')).toBeUndefined();
});

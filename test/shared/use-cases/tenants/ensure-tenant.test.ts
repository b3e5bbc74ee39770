import { InvalidInputError } from '../../../../shared/domain/errors.js';
import { ApiKeyInUseError } from '../../../../shared/domain/tenant-errors.js';
import { hashApiKey } from '../../../../shared/use-cases/tenants/credentials.js';
import { DEMO_DEFAULTS, demoTenantSettings } from '../../../../shared/use-cases/tenants/demo-tenant.js';
import { ensureTenant } from '../../../../shared/use-cases/tenants/ensure-tenant.js';
import { createTenantStore, type TenantStore } from '../../../support/tenant-store.js';

let store: TenantStore;
beforeAll(async () => {
  store = await createTenantStore('ensure-tenant');
}, 60_000);
afterAll(() => store.drop());

const owner = (key: string) => store.directory.tenantForApiKeyHash(hashApiKey(key));
const writes = () =>
  (store.tally.byOperation.TransactWriteItems ?? 0) +
  (store.tally.byOperation.PutItem ?? 0) +
  (store.tally.byOperation.UpdateItem ?? 0) +
  (store.tally.byOperation.DeleteItem ?? 0);

it('creates the demo tenant with the documented defaults', async () => {
  const { tenant, created } = await ensureTenant(store.directory, demoTenantSettings({}));

  expect(created).toBe(true);
  expect(tenant).toMatchObject({
    tenantId: 'demo',
    defaultWarehouseId: 'main',
    warehouses: ['main'],
    webhookSecrets: {
      shopify: DEMO_DEFAULTS.shopify,
      woocommerce: DEMO_DEFAULTS.woocommerce,
      orders: DEMO_DEFAULTS.orders,
    },
  });
  expect(await owner(DEMO_DEFAULTS.apiKey)).toBe('demo');
});

it('writes nothing when run again with the same settings', async () => {
  const before = await store.items();
  const writesBefore = writes();

  const again = await ensureTenant(store.directory, demoTenantSettings({ DEMO_API_KEY: '' }));

  expect(again.created).toBe(false);
  expect(writes()).toBe(writesBefore);
  expect(await store.items()).toEqual(before);
});

it('takes changed secrets from the environment, and revokes the key they replace', async () => {
  const env = {
    DEMO_API_KEY: 'demo-key-from-env-0123456789',
    DEMO_SHOPIFY_SECRET: 'shopify-from-env',
    DEMO_WOOCOMMERCE_SECRET: 'woo-from-env',
    DEMO_ORDERS_SECRET: 'orders-from-env',
  };
  const { tenant } = await ensureTenant(store.directory, demoTenantSettings(env));

  expect(tenant.webhookSecrets).toEqual({
    shopify: 'shopify-from-env',
    woocommerce: 'woo-from-env',
    orders: 'orders-from-env',
  });
  expect(await store.directory.getTenant('demo')).toEqual(tenant);
  expect(await owner(env.DEMO_API_KEY)).toBe('demo');
  expect(await owner(DEMO_DEFAULTS.apiKey)).toBeUndefined();
  expect(JSON.stringify(await store.items())).not.toContain(env.DEMO_API_KEY);
});

it('never hands a key that opens one tenant to another', async () => {
  await ensureTenant(store.directory, { ...demoTenantSettings({}), tenantId: 'first' });

  await expect(
    ensureTenant(store.directory, { ...demoTenantSettings({}), tenantId: 'second' }),
  ).rejects.toThrow(ApiKeyInUseError);

  expect(await owner(DEMO_DEFAULTS.apiKey)).toBe('first');
  expect(await store.directory.apiKeys('second')).toBeUndefined();
});

it('refuses a key the authorizer could never accept', async () => {
  for (const DEMO_API_KEY of ['short', 'has a space in it', 'x'.repeat(513)])
    await expect(
      ensureTenant(store.directory, { ...demoTenantSettings({ DEMO_API_KEY }), tenantId: 'badkey' }),
    ).rejects.toThrow(InvalidInputError);
  expect(await store.directory.getTenant('badkey')).toBeUndefined();
});

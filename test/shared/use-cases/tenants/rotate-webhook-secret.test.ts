import { InvalidInputError } from '../../../../shared/domain/errors.js';
import { TenantNotFoundError } from '../../../../shared/domain/tenant-errors.js';
import { createTenant } from '../../../../shared/use-cases/tenants/create-tenant.js';
import { hashApiKey } from '../../../../shared/use-cases/tenants/credentials.js';
import { rotateWebhookSecret } from '../../../../shared/use-cases/tenants/rotate-webhook-secret.js';
import { createTenantStore, type TenantStore } from '../../../support/tenant-store.js';

let store: TenantStore;
beforeAll(async () => {
  store = await createTenantStore('rotate-webhook-secret');
}, 60_000);
afterAll(() => store.drop());

it("replaces one channel's secret and leaves the others and the API key alone", async () => {
  const { tenant, apiKey } = await createTenant(store.directory, { tenantId: 'acme' });

  const rotated = await rotateWebhookSecret(store.directory, 'acme', 'woocommerce');

  expect(rotated).toEqual({ tenantId: 'acme', channel: 'woocommerce', secret: expect.any(String) });
  expect(rotated.secret).not.toBe(tenant.webhookSecrets.woocommerce);
  expect(rotated.secret.length).toBeGreaterThanOrEqual(43);
  expect(await store.directory.getTenant('acme')).toEqual({
    ...tenant,
    webhookSecrets: { ...tenant.webhookSecrets, woocommerce: rotated.secret },
  });
  expect(await store.directory.tenantForApiKeyHash(hashApiKey(apiKey))).toBe('acme');
});

it('takes the secret a channel issued itself (Shopify signs with its own)', async () => {
  await createTenant(store.directory, { tenantId: 'shop' });
  const shopifys = 'a3f1c9e07b2d4c58a3f1c9e07b2d4c58a3f1c9e07b2d4c58a3f1c9e07b2d4c58';

  await rotateWebhookSecret(store.directory, 'shop', 'shopify', shopifys);

  expect((await store.directory.getTenant('shop'))?.webhookSecrets.shopify).toBe(shopifys);
});

it('refuses a given secret too short to sign with, without echoing it', async () => {
  const { tenant } = await createTenant(store.directory, { tenantId: 'weak' });
  const error = await rotateWebhookSecret(store.directory, 'weak', 'orders', 'hunter2').catch((e) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('hunter2');
  expect(await store.directory.getTenant('weak')).toEqual(tenant);
});

it('refuses an unknown channel and an unknown tenant', async () => {
  await createTenant(store.directory, { tenantId: 'known' });
  await expect(rotateWebhookSecret(store.directory, 'known', 'amazon')).rejects.toThrow(InvalidInputError);
  await expect(rotateWebhookSecret(store.directory, 'unknown', 'orders')).rejects.toThrow(
    TenantNotFoundError,
  );
  expect(await store.directory.getTenant('unknown')).toBeUndefined();
});

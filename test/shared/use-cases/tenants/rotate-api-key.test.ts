import { InvalidInputError } from '../../../../shared/domain/errors.js';
import {
  ApiKeyMismatchError,
  TenantKeysChangedError,
  TenantNotFoundError,
} from '../../../../shared/domain/tenant-errors.js';
import { createTenant } from '../../../../shared/use-cases/tenants/create-tenant.js';
import { hashApiKey } from '../../../../shared/use-cases/tenants/credentials.js';
import { MAX_GRACE_SECONDS, rotateApiKey } from '../../../../shared/use-cases/tenants/rotate-api-key.js';
import { createTenantStore, expectNoneStored, type TenantStore } from '../../../support/tenant-store.js';

let store: TenantStore;
beforeAll(async () => {
  store = await createTenantStore('rotate-api-key');
}, 60_000);
afterAll(() => store.drop());

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const owner = (key: string, when?: string) => store.directory.tenantForApiKeyHash(hashApiKey(key), when);

it('issues a new key and revokes the old one in the same write', async () => {
  const { apiKey: oldKey } = await createTenant(store.directory, { tenantId: 'acme' });

  const rotated = await rotateApiKey(store.directory, 'acme');

  expect(rotated).toEqual({ tenantId: 'acme', apiKey: expect.stringMatching(/^bo_acme_/) });
  expect(rotated.apiKey).not.toBe(oldKey);
  expect(await owner(rotated.apiKey)).toBe('acme');
  expect(await owner(oldKey)).toBeUndefined();
  expect(await store.directory.apiKeys('acme')).toEqual({ current: hashApiKey(rotated.apiKey) });
  expectNoneStored(await store.items(), [oldKey, rotated.apiKey]);
});

it('rotates on presentation of the current key, and refuses any other key, changing nothing', async () => {
  const { apiKey } = await createTenant(store.directory, { tenantId: 'self' });
  const { apiKey: otherTenantsKey } = await createTenant(store.directory, { tenantId: 'other' });
  const before = await store.items();

  for (const wrong of [otherTenantsKey, `${apiKey}x`, 'not a key', ''])
    await expect(rotateApiKey(store.directory, 'self', { currentKey: wrong })).rejects.toThrow(
      ApiKeyMismatchError,
    );
  expect(await store.items()).toEqual(before);

  const rotated = await rotateApiKey(store.directory, 'self', { currentKey: apiKey });
  expect(await owner(rotated.apiKey)).toBe('self');
  expect(await owner(apiKey)).toBeUndefined();
  expect(await owner(otherTenantsKey)).toBe('other');
});

it('keeps the replaced key valid through a grace period, then refuses it', async () => {
  const { apiKey: first } = await createTenant(store.directory, { tenantId: 'graceful' });

  const second = await rotateApiKey(store.directory, 'graceful', { graceSeconds: 3600 }, () => at(0));

  expect(second.previousKeyValidUntil).toBe(at(3600));
  expect(await owner(first, at(3599))).toBe('graceful');
  expect(await owner(first, at(3600))).toBeUndefined();
  expect(await owner(second.apiKey, at(99_999))).toBe('graceful');
  const graceItem = (await store.items()).find((item) => item.pk === `APIKEY#${hashApiKey(first)}`);
  expect(graceItem).toMatchObject({ validUntil: at(3600), expiresAt: Math.ceil((T0 + 3_600_000) / 1000) });
});

it('revokes a key still in its grace period when the tenant rotates again: never more than two keys', async () => {
  const { apiKey: first } = await createTenant(store.directory, { tenantId: 'twice' });
  const second = await rotateApiKey(store.directory, 'twice', { graceSeconds: 600 }, () => at(0));
  const third = await rotateApiKey(store.directory, 'twice', { graceSeconds: 600 }, () => at(60));

  expect(await owner(first, at(61))).toBeUndefined();
  expect(await owner(second.apiKey, at(61))).toBe('twice');
  expect(await owner(third.apiKey, at(61))).toBe('twice');
  const keyItems = (await store.items()).filter(
    (item) => item.entity === 'apiKey' && item.tenantId === 'twice',
  );
  expect(keyItems).toHaveLength(2);
});

it('leaves exactly one valid key after concurrent rotations', async () => {
  const { apiKey: original } = await createTenant(store.directory, { tenantId: 'busy' });
  const attempts = await Promise.allSettled([
    rotateApiKey(store.directory, 'busy'),
    rotateApiKey(store.directory, 'busy'),
    rotateApiKey(store.directory, 'busy'),
  ]);
  for (const attempt of attempts)
    if (attempt.status === 'rejected') expect(attempt.reason).toBeInstanceOf(TenantKeysChangedError);
  const issued = attempts.flatMap((attempt) =>
    attempt.status === 'fulfilled' ? [attempt.value.apiKey] : [],
  );
  expect(issued.length).toBeGreaterThan(0);

  const valid = [];
  for (const key of [original, ...issued]) if (await owner(key)) valid.push(key);
  expect(valid).toHaveLength(1);
  expect(await store.directory.apiKeys('busy')).toEqual({ current: hashApiKey(valid[0] as string) });
});

it('refuses an unknown tenant, an invalid id and an invalid grace period', async () => {
  await createTenant(store.directory, { tenantId: 'strict' });
  await expect(rotateApiKey(store.directory, 'nobody')).rejects.toThrow(TenantNotFoundError);
  await expect(rotateApiKey(store.directory, 'Not Valid')).rejects.toThrow(InvalidInputError);
  for (const graceSeconds of [-1, 1.5, MAX_GRACE_SECONDS + 1, Number.NaN])
    await expect(rotateApiKey(store.directory, 'strict', { graceSeconds })).rejects.toThrow(
      InvalidInputError,
    );
});

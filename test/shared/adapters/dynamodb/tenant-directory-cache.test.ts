import { DynamoDbTenantDirectory } from '../../../../shared/adapters/dynamodb/dynamodb-tenant-directory.js';
import { createTestTables, type TestTables } from '../../../support/tables.js';
import { webhookTenant } from '../../../support/webhook-requests.js';

/** The webhook function looks tenants up by the id in the URL: anyone on the internet picks it. */
let tables: TestTables;
beforeAll(async () => {
  tables = await createTestTables('tenant-directory-cache');
}, 60_000);
afterAll(() => tables.drop());

it('keeps at most its bound of tenant ids however many unknown ids are asked for', async () => {
  const directory = new DynamoDbTenantDirectory(tables.client, tables.tableName, 30_000, { maxCached: 20 });
  for (let n = 0; n < 60; n++) expect(await directory.getTenant(`nobody-${n}`)).toBeUndefined();
  expect(directory.cachedTenants).toBeLessThanOrEqual(20);
});

it('forgets an unknown tenant sooner than a known one, so a new tenant soon works', async () => {
  let now = Date.parse('2026-12-05T09:00:00Z');
  const options = { unknownMs: 5_000, now: () => now };
  const webhooks = new DynamoDbTenantDirectory(tables.client, tables.tableName, 30_000, options);
  const admin = new DynamoDbTenantDirectory(tables.client, tables.tableName, 0);
  expect(await webhooks.getTenant('newcomer')).toBeUndefined();
  await admin.saveTenant(webhookTenant('newcomer'));
  now += 6_000;
  expect((await webhooks.getTenant('newcomer'))?.tenantId).toBe('newcomer');
});

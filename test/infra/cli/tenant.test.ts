import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hashApiKey } from '../../../shared/use-cases/tenants/credentials.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../support/tables.js';
import { createTenantStore, expectNoneStored, type TenantStore } from '../../support/tenant-store.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = `${REPO_ROOT}node_modules/.bin/tsx`;

let store: TenantStore;
beforeAll(async () => {
  store = await createTenantStore('tenant-cli');
}, 60_000);
afterAll(() => store.drop());

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the command as `npm run tenant` does, in a child process that reaches the test table only
 * through the standard AWS variables (no AWS variable of this machine is passed on).
 */
const tenantCli = (args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) =>
  new Promise<CliRun>((resolve, reject) => {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')),
    );
    const env: Record<string, string> = {
      ...inherited,
      AWS_ENDPOINT_URL_DYNAMODB: store.tables.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true',
      TABLE_NAME: store.tables.tableName,
      ...options.env,
    };
    // An empty value in `options.env` means the variable is not set at all.
    const child = spawn(TSX, ['infra/cli/tenant.ts', ...args], {
      cwd: REPO_ROOT,
      env: Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });

const owner = (key: string) => store.directory.tenantForApiKeyHash(hashApiKey(key));

it('creates a tenant and prints its key and secrets once, as JSON', async () => {
  // --table wins over TABLE_NAME.
  const run = await tenantCli(
    ['create', 'acme', '--warehouse', 'syd', '--warehouse', 'mel', '--table', store.tables.tableName],
    { env: { TABLE_NAME: 'no-such-table' } },
  );

  expect(run).toMatchObject({ code: 0, stderr: expect.stringContaining('not shown again') });
  const printed = JSON.parse(run.stdout);
  expect(printed).toEqual({
    tenantId: 'acme',
    defaultWarehouseId: 'syd',
    warehouses: ['syd', 'mel'],
    apiKey: expect.stringMatching(/^bo_acme_[A-Za-z0-9_-]{43}$/),
    // The name history records for acts made with this key.
    apiKeyId: expect.stringMatching(/^[0-9a-f]{12}$/),
    webhookSecrets: {
      shopify: expect.any(String),
      woocommerce: expect.any(String),
      orders: expect.any(String),
    },
    webhookPaths: ['/webhooks/acme/shopify', '/webhooks/acme/woocommerce', '/webhooks/acme/orders'],
  });
  expect(await owner(printed.apiKey)).toBe('acme');
  expect((await store.directory.getTenant('acme'))?.webhookSecrets).toEqual(printed.webhookSecrets);
  expectNoneStored(await store.items(), [printed.apiKey]);
}, 60_000);

it('refuses an existing tenant with a clear message and a non-zero exit, printing no credentials', async () => {
  await tenantCli(['create', 'twice']);
  const run = await tenantCli(['create', 'twice']);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain('TENANT_ALREADY_EXISTS: Tenant twice already exists');
}, 60_000);

// Every other usage error is covered by tenant-command.test.ts without a process each.
it('exits 2 with the usage on bad command lines, and 1 on refused input, writing nothing', async () => {
  const runs = await Promise.all([
    tenantCli([]),
    tenantCli(['create', 'tableless'], { env: { TABLE_NAME: '' } }),
    tenantCli(['create', 'Not/Valid']),
    tenantCli(['rotate-secret', 'nobody', 'orders']),
  ]);
  expect(runs.map(({ code, stdout }) => ({ code, stdout }))).toEqual([
    { code: 2, stdout: '' },
    { code: 2, stdout: '' },
    { code: 1, stdout: '' },
    { code: 1, stdout: '' },
  ]);
  const [none, tableless, invalid, unknown] = runs.map((run) => run.stderr);
  expect(none).toContain('No command given');
  expect(none).toContain('Usage:');
  expect(tableless).toContain('No table: pass --table <name> or set TABLE_NAME');
  expect(invalid).toContain('INVALID_INPUT: Invalid tenantId');
  expect(unknown).toContain('TENANT_NOT_FOUND: Tenant nobody was not found');
  expect(await store.directory.getTenant('tableless')).toBeUndefined();
}, 60_000);

it('says what to set when neither a region nor a local endpoint is given', async () => {
  const run = await tenantCli(['create', 'nowhere'], {
    env: { AWS_REGION: '', AWS_ENDPOINT_URL_DYNAMODB: '' },
  });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('AWS_REGION');
  expect(run.stderr).toContain('AWS_ENDPOINT_URL_DYNAMODB');
}, 60_000);

it('rotates a key: the new one works and the old one is refused at once', async () => {
  const { apiKey: oldKey } = JSON.parse((await tenantCli(['create', 'rotor'])).stdout);

  const run = await tenantCli(['rotate-key', 'rotor']);

  expect(run.code).toBe(0);
  const { apiKey, apiKeyId } = JSON.parse(run.stdout);
  expect(apiKeyId).toMatch(/^[0-9a-f]{12}$/);
  expect(await owner(apiKey)).toBe('rotor');
  expect(await owner(oldKey)).toBeUndefined();
  expectNoneStored(await store.items(), [oldKey, apiKey]);
}, 60_000);

it('rotates a key with a grace period: the old one keeps working until the time it prints', async () => {
  const { apiKey: oldKey } = JSON.parse((await tenantCli(['create', 'gentle'])).stdout);

  const printed = JSON.parse((await tenantCli(['rotate-key', 'gentle', '--grace', '24h'])).stdout);

  const validUntil = Date.parse(printed.previousKeyValidUntil);
  expect(validUntil - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
  expect(await owner(oldKey)).toBe('gentle');
  expect(await owner(printed.apiKey)).toBe('gentle');
  expect(
    await store.directory.tenantForApiKeyHash(hashApiKey(oldKey), new Date(validUntil).toISOString()),
  ).toBe(undefined);
}, 60_000);

it("rotates a webhook secret, generated or taken from stdin (the channel's own)", async () => {
  const created = JSON.parse((await tenantCli(['create', 'hooks'])).stdout);

  const generated = JSON.parse((await tenantCli(['rotate-secret', 'hooks', 'orders'])).stdout);
  const shopifys = 'f00dfeedf00dfeedf00dfeedf00dfeed';
  const given = await tenantCli(['rotate-secret', 'hooks', 'shopify', '--secret-stdin'], {
    stdin: `${shopifys}\n`,
  });

  expect(generated).toEqual({ tenantId: 'hooks', channel: 'orders', secret: expect.any(String) });
  expect(generated.secret).not.toBe(created.webhookSecrets.orders);
  expect(given.code).toBe(0);
  expect((await store.directory.getTenant('hooks'))?.webhookSecrets).toEqual({
    woocommerce: created.webhookSecrets.woocommerce,
    orders: generated.secret,
    shopify: shopifys,
  });
}, 60_000);

it('adds named operators, printing each key once, lists them without keys and revokes them', async () => {
  await tenantCli(['create', 'crew']);
  const added = await tenantCli(['add-operator', 'crew', 'Grace Hopper']);
  expect(added).toMatchObject({ code: 0, stderr: expect.stringContaining('not shown again') });
  const grace = JSON.parse(added.stdout);
  expect(grace).toEqual({
    tenantId: 'crew',
    name: 'Grace Hopper',
    keyId: expect.stringMatching(/^[0-9a-f]{12}$/),
    createdAt: expect.any(String),
    apiKey: expect.stringMatching(/^bo_crew_[A-Za-z0-9_-]{43}$/),
  });
  expect(await store.directory.apiKeyHolder(hashApiKey(grace.apiKey))).toEqual({
    tenantId: 'crew',
    operator: 'Grace Hopper',
  });
  const ada = JSON.parse((await tenantCli(['add-operator', 'crew', 'ada'])).stdout);

  const again = await tenantCli(['add-operator', 'crew', 'ada']);
  expect(again).toMatchObject({ code: 1, stdout: '' });
  expect(again.stderr).toContain('OPERATOR_EXISTS');
  const badName = await tenantCli(['add-operator', 'crew', 'api-key:1234']);
  expect(badName).toMatchObject({ code: 1, stdout: '' });
  expect(badName.stderr).toContain('INVALID_INPUT: Invalid operator name');

  const listed = await tenantCli(['list-operators', 'crew']);
  expect(listed.stderr).toBe('');
  expect(JSON.parse(listed.stdout)).toEqual({
    tenantId: 'crew',
    operators: [
      { name: 'ada', keyId: ada.keyId, createdAt: ada.createdAt },
      { name: 'Grace Hopper', keyId: grace.keyId, createdAt: grace.createdAt },
    ],
  });
  expectNoneStored(await store.items(), [grace.apiKey, ada.apiKey]);

  const revoked = await tenantCli(['revoke-operator', 'crew', 'Grace Hopper']);
  expect(JSON.parse(revoked.stdout)).toEqual({ tenantId: 'crew', name: 'Grace Hopper', revoked: true });
  expect(await owner(grace.apiKey)).toBeUndefined();
  expect(await owner(ada.apiKey)).toBe('crew');
  const twice = await tenantCli(['revoke-operator', 'crew', 'Grace Hopper']);
  expect(twice.code).toBe(1);
  expect(twice.stderr).toContain('OPERATOR_NOT_FOUND');
  expect(JSON.parse((await tenantCli(['list-operators', 'crew'])).stdout).operators).toHaveLength(1);
}, 60_000);

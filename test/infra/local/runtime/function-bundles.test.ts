/**
 * The functions as the cloud assembly holds them: each runs the bundle of the asset its template
 * `Code` names, with its template environment resolved to the local resources; and a bundle,
 * loaded in its own environment, answers an invocation from what that environment names (the
 * authorizer finds a tenant's key in the template's table, in DynamoDB Local).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { cloudAssembly } from '../../../../infra/local/runtime/assembly.js';
import { functionBundle, LOCAL_LAMBDA_RUNTIME } from '../../../../infra/local/runtime/function-bundles.js';
import { FunctionProcess } from '../../../../infra/local/runtime/function-process.js';
import { localClientConfig } from '../../../../infra/local/runtime/runtime-wiring.js';
import { type AppTemplate, appTemplate } from '../../../../infra/local/runtime/template.js';
import { type TemplateModel, templateModel } from '../../../../infra/local/runtime/template-model.js';
import { tableDefinitionsFromTemplate } from '../../../../infra/template/table-definitions.js';
import { DynamoDbTenantDirectory } from '../../../../shared/adapters/dynamodb/dynamodb-tenant-directory.js';
import { ensureTenant } from '../../../../shared/use-cases/tenants/ensure-tenant.js';
import { dynamoDbLocalEndpoint } from '../../../support/dynamodb-local.js';

let model: TemplateModel;
let endpoint: string;
let authorizer: FunctionProcess | undefined;

beforeAll(async () => {
  // Kept under .local/assembly: synthesized (tens of seconds) only when the sources changed.
  const assembly = await cloudAssembly();
  model = templateModel(appTemplate(assembly.templates), assembly.dir);
  endpoint = await dynamoDbLocalEndpoint();
}, 180_000);

afterAll(async () => {
  await authorizer?.stop();
});

test('every function runs the asset its template Code names, with its environment resolved', () => {
  expect(model.bundles.size).toBe(8);
  for (const bundle of model.bundles.values()) {
    const code = model.template.resources.get(bundle.logicalId)?.Properties?.Code as { S3Key: string };
    expect(basename(dirname(bundle.file))).toBe(`asset.${code.S3Key.replace(/\.zip$/, '')}`);
    expect(existsSync(bundle.file)).toBe(true);
    expect(bundle.environment).toMatchObject({
      TABLE_NAME: 'BackorderTable',
      EVENT_BUS_NAME: 'backorder-dev',
    });
  }
  expect(model.bundles.get('notifier')?.environment.NOTIFICATION_TOPIC_ARN).toBe(
    'arn:aws:sns:us-east-1:000000000000:MessagingNotifications826CCE61',
  );
  expect(model.bundles.get('sweep')).toMatchObject({
    timeoutMs: 300_000,
    memoryMb: 512,
    runtime: 'nodejs24.x',
  });
});

test('the authorizer bundle finds a key in the table its template environment names', async () => {
  const bundle = model.bundles.get('authorizer');
  if (!bundle) throw new Error('no authorizer');
  const dynamodb = new DynamoDBClient(localClientConfig(endpoint));
  const [definition] = tableDefinitionsFromTemplate({
    Resources: Object.fromEntries(model.template.resources),
  });
  if (!definition) throw new Error('no table in the template');
  // The template's own table name, shared by test files: created once, each test with its own tenant.
  await dynamodb.send(new CreateTableCommand(definition.createTable)).catch((error: Error) => {
    if (!(error instanceof ResourceInUseException)) throw error;
  });
  const tenantId = `bundle-${randomBytes(4).toString('hex')}`;
  const apiKey = `key-${randomBytes(12).toString('hex')}`;
  const documents = DynamoDBDocumentClient.from(dynamodb);
  await ensureTenant(new DynamoDbTenantDirectory(documents, bundle.environment.TABLE_NAME as string), {
    tenantId,
    apiKey,
    webhookSecrets: { shopify: 's', woocommerce: 'w', orders: 'o' },
  });
  dynamodb.destroy();

  authorizer = new FunctionProcess(
    bundle,
    { AWS_ENDPOINT_URL_DYNAMODB: endpoint, POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_TRACE_ENABLED: 'false' },
    () => {},
  );
  const event = { type: 'REQUEST', routeKey: 'GET /orders', headers: { authorization: `Bearer ${apiKey}` } };
  await expect(authorizer.invoke(event)).resolves.toEqual({
    isAuthorized: true,
    context: { tenantId, principal: expect.stringMatching(/^api-key:/) },
  });
}, 30_000);

test('a function it cannot run from the assembly stops it, naming the function', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assembly-'));
  const hash = 'a'.repeat(64);
  mkdirSync(join(dir, `asset.${hash}`));
  writeFileSync(join(dir, `asset.${hash}`, 'index.mjs'), 'export const handler = async () => 1;');
  const code = { S3Bucket: 'b', S3Key: `${hash}.zip` };
  const withFunction = (properties: Record<string, unknown>): AppTemplate =>
    appTemplate({ Stack: { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: properties } } } });
  const bundleOf = (properties: Record<string, unknown>) =>
    functionBundle(withFunction(properties), 'Fn', 'sweep', dir);
  try {
    const node = { Runtime: LOCAL_LAMBDA_RUNTIME, Handler: 'index.handler', Code: code };
    expect(bundleOf(node)).toMatchObject({ file: join(dir, `asset.${hash}`, 'index.mjs'), timeoutMs: 3_000 });
    expect(() => bundleOf({ ...node, Runtime: 'python3.12' })).toThrow(
      'Template resource Fn: has Runtime python3.12; only Node.js functions run locally',
    );
    expect(() => bundleOf({ ...node, Runtime: 'nodejs22.x' })).toThrow(
      /Template resource Fn: has Runtime nodejs22\.x, but this runtime runs its functions on Node /,
    );
    expect(() => bundleOf({ ...node, Code: { S3Bucket: 'b', S3Key: `${'b'.repeat(64)}.zip` } })).toThrow(
      /Template resource Fn: its code asset b+ is not in the cloud assembly/,
    );
    expect(() => bundleOf({ ...node, Handler: 'main.handler' })).toThrow(/its bundle has no main\.js/);
    expect(() => bundleOf({ ...node, Environment: { Variables: { X: { 'Fn::GetAZs': '' } } } })).toThrow(
      /Template resource Fn \(environment variable X\): uses .*Fn::GetAZs/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

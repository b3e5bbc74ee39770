/**
 * Tenant administration against the deployed table (see USAGE): creates tenants and rotates their
 * API keys and webhook secrets, printing new credentials once, as JSON, on stdout.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbTenantDirectory } from '../../shared/adapters/dynamodb/dynamodb-tenant-directory.js';
import { DomainError } from '../../shared/domain/errors.js';
import type { TenantDirectory } from '../../shared/ports/tenant-directory.js';
import { createTenant } from '../../shared/use-cases/tenants/create-tenant.js';
import { apiKeyId, hashApiKey } from '../../shared/use-cases/tenants/credentials.js';
import { addOperator, listOperators, revokeOperator } from '../../shared/use-cases/tenants/operator-keys.js';
import { rotateApiKey } from '../../shared/use-cases/tenants/rotate-api-key.js';
import { rotateWebhookSecret } from '../../shared/use-cases/tenants/rotate-webhook-secret.js';
import {
  clientSettings,
  NO_REGION,
  parseTenantCommand,
  type TenantCommand,
  USAGE,
  UsageError,
} from './tenant-command.js';

const PRINTS_CREDENTIALS = new Set<TenantCommand['kind']>([
  'create',
  'rotate-key',
  'rotate-secret',
  'add-operator',
]);

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
};

const run = async (command: Exclude<TenantCommand, { kind: 'help' }>, directory: TenantDirectory) => {
  switch (command.kind) {
    case 'create': {
      const [defaultWarehouseId, ...warehouses] = command.warehouses;
      const { tenant, apiKey } = await createTenant(directory, {
        tenantId: command.tenantId,
        ...(defaultWarehouseId ? { defaultWarehouseId } : {}),
        warehouses,
      });
      const { tenantId, webhookSecrets } = tenant;
      return {
        tenantId,
        defaultWarehouseId: tenant.defaultWarehouseId,
        warehouses: tenant.warehouses,
        apiKey,
        apiKeyId: apiKeyId(hashApiKey(apiKey)),
        webhookSecrets,
        webhookPaths: Object.keys(webhookSecrets).map((channel) => `/webhooks/${tenantId}/${channel}`),
      };
    }
    case 'rotate-key': {
      const rotated = await rotateApiKey(directory, command.tenantId, { graceSeconds: command.graceSeconds });
      return { ...rotated, apiKeyId: apiKeyId(hashApiKey(rotated.apiKey)) };
    }
    case 'rotate-secret': {
      const secret = command.secretFromStdin ? await readStdin() : undefined;
      return rotateWebhookSecret(directory, command.tenantId, command.channel, secret);
    }
    case 'add-operator':
      return addOperator(directory, command.tenantId, command.name);
    case 'list-operators':
      return { tenantId: command.tenantId, operators: await listOperators(directory, command.tenantId) };
    case 'revoke-operator':
      return revokeOperator(directory, command.tenantId, command.name);
  }
};

const main = async (): Promise<number> => {
  let command: TenantCommand;
  try {
    command = parseTenantCommand(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`Error: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // The SDK takes the endpoint from AWS_ENDPOINT_URL_DYNAMODB itself; no cache: one call per run.
  const dynamodb = new DynamoDBClient(clientSettings(process.env));
  const documents = DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  try {
    const output = await run(command, new DynamoDbTenantDirectory(documents, command.tableName, 0));
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    if (PRINTS_CREDENTIALS.has(command.kind)) {
      process.stderr.write('Store these credentials now: they are not shown again.\n');
    }
    return 0;
  } catch (error) {
    if ((error as Error).message === 'Region is missing') {
      process.stderr.write(`Error: ${NO_REGION}\n`);
      return 2;
    }
    const reason =
      error instanceof DomainError ? `${error.code}: ${error.message}` : (error as Error).message;
    process.stderr.write(`Error: ${reason}\n`);
    return 1;
  } finally {
    documents.destroy();
  }
};

process.exitCode = await main();

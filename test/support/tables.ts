/**
 * Tables for a test file in the shared DynamoDB Local: a uniquely named copy of every table of
 * the synthesized CDK app (never a hand-written definition), so test files can run in parallel.
 *
 *   const tables = await createTestTables('allocation');
 *   afterAll(() => tables.drop());
 *   await tables.client.send(new PutCommand({ TableName: tables.tableName, Item: ... }));
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, type TranslateConfig } from '@aws-sdk/lib-dynamodb';
import type { TableDefinition } from '../../infra/template/table-definitions.js';
import { TABLE_LOGICAL_ID } from '../../shared/adapters/dynamodb/table-schema.js';
import { dynamoDbLocalEndpoint } from './dynamodb-local.js';
import { DYNAMODB_LOCAL_RUN_DIR_ENV } from './dynamodb-local-env.js';

/** Dummy region and credentials: DynamoDB Local accepts any, and no real account is ever reached. */
export const LOCAL_REGION = 'local';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface TestTables {
  /** Document client for DynamoDB Local. */
  readonly client: DynamoDBDocumentClient;
  /** The low-level client under `client`. */
  readonly dynamodb: DynamoDBClient;
  readonly endpoint: string;
  /** This test file's name of the backorder table. */
  readonly tableName: string;
  /** This test file's name of every table of the template, by logical id. */
  readonly tableNames: Readonly<Record<string, string>>;
  /** Deletes the tables and closes the clients (call in afterAll). */
  drop(): Promise<void>;
}

export interface CreateTestTablesOptions {
  /** Document client options; default: `removeUndefinedValues`. */
  readonly translateConfig?: TranslateConfig;
  /** How long to wait for DynamoDB Local to answer (default 60 s). */
  readonly readyTimeoutMs?: number;
}

let definitions: Promise<TableDefinition[]> | undefined;

/**
 * The app's tables, from the synthesized CDK app. Synthesis (loading aws-cdk-lib) takes
 * seconds, so the result is kept for the rest of the jest run in the run's scratch folder, for
 * the other test files; a new run synthesizes anew.
 */
export function templateTableDefinitions(): Promise<TableDefinition[]> {
  definitions ??= loadTableDefinitions();
  return definitions;
}

async function loadTableDefinitions(): Promise<TableDefinition[]> {
  const runDir = process.env[DYNAMODB_LOCAL_RUN_DIR_ENV];
  const cacheFile = runDir ? join(runDir, 'table-definitions.json') : undefined;
  if (cacheFile) {
    try {
      return JSON.parse(await readFile(cacheFile, 'utf8')) as TableDefinition[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const { synthesizeTableDefinitions } = await import('../../infra/template/synth.js');
  const synthesized = synthesizeTableDefinitions();
  if (cacheFile) {
    const partFile = `${cacheFile}.${process.pid}.part`;
    await writeFile(partFile, JSON.stringify(synthesized));
    await rename(partFile, cacheFile);
  }
  return synthesized;
}

/** A DynamoDB client for an endpoint of DynamoDB Local. */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/**
 * Creates this test file's copy of the template's tables, named `<label>-<logical id>-<unique>`,
 * with TTL enabled as in the template, and returns clients for them.
 */
export async function createTestTables(
  label = 'test',
  options: CreateTestTablesOptions = {},
): Promise<TestTables> {
  const [tableDefinitions, endpoint] = await Promise.all([
    templateTableDefinitions(),
    dynamoDbLocalEndpoint(options.readyTimeoutMs),
  ]);
  const dynamodb = localDynamoDbClient(endpoint);
  const client = DynamoDBDocumentClient.from(
    dynamodb,
    options.translateConfig ?? { marshallOptions: { removeUndefinedValues: true } },
  );

  const unique = `${process.env.JEST_WORKER_ID ?? '0'}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const safeLabel = label.replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 80);
  const tableNames: Record<string, string> = {};
  for (const definition of tableDefinitions) {
    tableNames[definition.logicalId] = `${safeLabel}-${definition.logicalId}-${unique}`;
  }

  const created: string[] = [];
  const drop = async () => {
    try {
      await Promise.all(
        created.map((TableName) =>
          dynamodb.send(new DeleteTableCommand({ TableName })).catch(() => undefined),
        ),
      );
    } finally {
      client.destroy();
      dynamodb.destroy();
    }
  };

  try {
    for (const definition of tableDefinitions) {
      const TableName = tableNames[definition.logicalId] as string;
      await dynamodb.send(new CreateTableCommand({ ...definition.createTable, TableName }));
      created.push(TableName);
      await waitUntilActive(dynamodb, TableName);
      if (definition.timeToLiveAttribute) {
        await dynamodb.send(
          new UpdateTimeToLiveCommand({
            TableName,
            TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
          }),
        );
      }
    }
  } catch (error) {
    await drop();
    throw error;
  }

  const tableName = tableNames[TABLE_LOGICAL_ID];
  if (!tableName) {
    await drop();
    throw new Error(`The synthesized app has no table with logical id ${TABLE_LOGICAL_ID}`);
  }
  return { client, dynamodb, endpoint, tableName, tableNames, drop };
}

async function waitUntilActive(dynamodb: DynamoDBClient, TableName: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`Table ${TableName} did not become ACTIVE`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OperatorKey } from '../../ports/tenant-directory.js';
import { documentSdk } from '../aws-sdk.js';
import type { Item } from './items.js';
import { apiKeyKey, OPERATOR_SK_PREFIX, operatorKey } from './keys.js';
import type { TableAccess } from './table-reads.js';

/**
 * Named operator keys: the operator's record beside the tenant's profile (name, key hash, when),
 * and the key item the authorizer reads, naming the operator. Both are written and removed in one
 * transaction, so a listed operator's key always works and a removed one never does.
 */
const isConditionFailure = (error: unknown) =>
  (error as Error | undefined)?.name === 'TransactionCanceledException';

export const addOperatorRecords = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  operator: OperatorKey,
  hash: string,
): Promise<boolean> => {
  const { TransactWriteCommand } = await documentSdk();
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...operatorKey(tenantId, operator.name),
                entity: 'operator',
                tenantId,
                ...operator,
                hash,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...apiKeyKey(hash), entity: 'apiKey', tenantId, operator: operator.name },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

export const operatorRecords = async (
  { client, tableName }: TableAccess,
  tenantId: string,
): Promise<Array<OperatorKey & { hash: string }>> => {
  const { QueryCommand } = await documentSdk();
  const { Items } = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': operatorKey(tenantId, '').pk, ':prefix': OPERATOR_SK_PREFIX },
      ConsistentRead: true,
    }),
  );
  return ((Items ?? []) as Item[]).map((item) => ({
    name: String(item.name),
    keyId: String(item.keyId),
    createdAt: String(item.createdAt),
    hash: String(item.hash),
  }));
};

export const removeOperatorRecords = async (
  access: TableAccess & { client: DynamoDBDocumentClient },
  tenantId: string,
  name: string,
): Promise<boolean> => {
  const { GetCommand, TransactWriteCommand } = await documentSdk();
  const { client, tableName } = access;
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: operatorKey(tenantId, name), ConsistentRead: true }),
  );
  if (!Item) return false;
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName,
              Key: operatorKey(tenantId, name),
              ConditionExpression: '#hash = :hash',
              ExpressionAttributeNames: { '#hash': 'hash' },
              ExpressionAttributeValues: { ':hash': Item.hash },
            },
          },
          {
            Delete: {
              TableName: tableName,
              Key: apiKeyKey(String(Item.hash)),
              ConditionExpression: 'attribute_not_exists(pk) OR tenantId = :tenantId',
              ExpressionAttributeValues: { ':tenantId': tenantId },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

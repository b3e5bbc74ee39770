import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../../domain/actor.js';
import { documentSdk } from '../aws-sdk.js';
import { conditionHeld } from './conditions.js';
import type { ItemKey } from './keys.js';

/**
 * One item holding a whole tenant document (policies, kits) under one attribute, with a version:
 * each write lands only over the version it was read at. Items written before versions existed
 * have none: they count as version 0.
 */
export async function readVersioned<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: ItemKey,
  field: string,
  empty: T,
): Promise<{ value: T; version: number }> {
  const { GetCommand } = await documentSdk();
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return {
    value: (Item?.[field] as T | undefined) ?? empty,
    version: typeof Item?.version === 'number' ? Item.version : 0,
  };
}

/** Replaces the document if it is still at `expectedVersion`; false when another write came first. */
export async function putVersioned(
  client: DynamoDBDocumentClient,
  tableName: string,
  document: { key: ItemKey; entity: string; field: string; value: unknown },
  expectedVersion: number,
  change: { by: Actor; at: string },
): Promise<boolean> {
  const { PutCommand } = await documentSdk();
  return conditionHeld(
    client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...document.key,
          entity: document.entity,
          [document.field]: document.value,
          version: expectedVersion + 1,
          updatedAt: change.at,
          updatedBy: change.by,
        },
        ConditionExpression:
          expectedVersion === 0 ? 'attribute_not_exists(#version)' : '#version = :expectedVersion',
        ExpressionAttributeNames: { '#version': 'version' },
        ...(expectedVersion === 0
          ? {}
          : { ExpressionAttributeValues: { ':expectedVersion': expectedVersion } }),
      }),
    ),
  );
}

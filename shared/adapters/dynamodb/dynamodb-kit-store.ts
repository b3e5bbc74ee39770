import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../../domain/actor.js';
import type { KitBook } from '../../domain/kit.js';
import type { KitStore, StoredKits } from '../../ports/kit-store.js';
import { documentSdk } from '../aws-sdk.js';
import { conditionHeld } from './conditions.js';
import { kitsKey } from './keys.js';

/**
 * The tenant's kits: one item (`T#<tenant>` / `KITS`, `{kits}`) carrying a version, so each write
 * lands only over the version it was read at, and a kit is checked against every other at once.
 */
export class DynamoDbKitStore implements KitStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async readKits(tenantId: string): Promise<StoredKits> {
    const { GetCommand } = await documentSdk();
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: kitsKey(tenantId), ConsistentRead: true }),
    );
    return {
      kits: (Item?.kits as KitBook | undefined) ?? {},
      version: typeof Item?.version === 'number' ? Item.version : 0,
    };
  }

  async writeKits(
    tenantId: string,
    kits: KitBook,
    expectedVersion: number,
    change: { by: Actor; at: string },
  ): Promise<boolean> {
    const { PutCommand } = await documentSdk();
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...kitsKey(tenantId),
            entity: 'kits',
            kits,
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
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../../domain/actor.js';
import type { PolicyConfig } from '../../policy/policy.js';
import type { PolicyStore, StoredPolicies } from '../../ports/policy-store.js';
import { documentSdk } from '../aws-sdk.js';
import { conditionHeld } from './conditions.js';
import { policyKey } from './keys.js';

/**
 * The tenant's policies: one item (`T#<tenant>` / `POLICIES`, `{config}` as the repository reads
 * it) carrying a version, so each write lands only over the version it was read at.
 */
export class DynamoDbPolicyStore implements PolicyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async readPolicies(tenantId: string): Promise<StoredPolicies> {
    const { GetCommand } = await documentSdk();
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: policyKey(tenantId), ConsistentRead: true }),
    );
    return {
      config: (Item?.config as PolicyConfig | undefined) ?? {},
      version: typeof Item?.version === 'number' ? Item.version : 0,
    };
  }

  async writePolicies(
    tenantId: string,
    config: PolicyConfig,
    expectedVersion: number,
    change: { by: Actor; at: string },
  ): Promise<boolean> {
    const { PutCommand } = await documentSdk();
    return conditionHeld(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...policyKey(tenantId),
            entity: 'policies',
            config,
            version: expectedVersion + 1,
            updatedAt: change.at,
            updatedBy: change.by,
          },
          // Items written before versions existed have none: they count as version 0.
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

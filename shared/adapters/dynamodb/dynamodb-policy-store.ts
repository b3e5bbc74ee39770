import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../../domain/actor.js';
import type { PolicyConfig } from '../../policy/policy.js';
import type { PolicyStore, StoredPolicies } from '../../ports/policy-store.js';
import { policyKey } from './keys.js';
import { putVersioned, readVersioned } from './versioned-document.js';

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
    const { value, version } = await readVersioned<PolicyConfig>(
      this.client,
      this.tableName,
      policyKey(tenantId),
      'config',
      {},
    );
    return { config: value, version };
  }

  writePolicies(
    tenantId: string,
    config: PolicyConfig,
    expectedVersion: number,
    change: { by: Actor; at: string },
  ): Promise<boolean> {
    return putVersioned(
      this.client,
      this.tableName,
      { key: policyKey(tenantId), entity: 'policies', field: 'config', value: config },
      expectedVersion,
      change,
    );
  }
}

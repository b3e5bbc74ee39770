import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../../domain/actor.js';
import type { KitBook } from '../../domain/kit.js';
import type { KitStore, StoredKits } from '../../ports/kit-store.js';
import { kitsKey } from './keys.js';
import { putVersioned, readVersioned } from './versioned-document.js';

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
    const { value, version } = await readVersioned<KitBook>(
      this.client,
      this.tableName,
      kitsKey(tenantId),
      'kits',
      {},
    );
    return { kits: value, version };
  }

  writeKits(
    tenantId: string,
    kits: KitBook,
    expectedVersion: number,
    change: { by: Actor; at: string },
  ): Promise<boolean> {
    return putVersioned(
      this.client,
      this.tableName,
      { key: kitsKey(tenantId), entity: 'kits', field: 'kits', value: kits },
      expectedVersion,
      change,
    );
  }
}

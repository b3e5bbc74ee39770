import { DynamoDbTenantDirectory } from '../../shared/adapters/dynamodb/dynamodb-tenant-directory.js';
import type { Item } from '../../shared/adapters/dynamodb/items.js';
import {
  attachRequestAccounting,
  emptyTally,
  type RequestTally,
} from '../../shared/adapters/dynamodb/request-accounting.js';
import { scanAll } from './repository-harness.js';
import { createTestTables, type TestTables } from './tables.js';

export interface TenantStore {
  tables: TestTables;
  /** No profile cache, so every read sees what the previous step wrote. */
  directory: DynamoDbTenantDirectory;
  tally: RequestTally;
  /** Every item of the table, read consistently. */
  items(): Promise<Item[]>;
  drop(): Promise<void>;
}

/** A tenant directory on this test file's own copy of the template's tables, its requests counted. */
export const createTenantStore = async (label: string): Promise<TenantStore> => {
  const tables = await createTestTables(label);
  const tally = emptyTally();
  attachRequestAccounting(tables.dynamodb, tally);
  return {
    tables,
    directory: new DynamoDbTenantDirectory(tables.client, tables.tableName, 0),
    tally,
    items: () => scanAll(tables),
    drop: () => tables.drop(),
  };
};

/**
 * Fails unless no stored item holds any of these secrets in clear, in any attribute: keys must
 * appear only as hashes. The random part is checked too, so a stored key with its prefix cut
 * off is caught as well.
 */
export const expectNoneStored = (items: readonly Item[], keys: readonly string[]): void => {
  const fragments = keys.flatMap((key) => [key, key.slice(-20)]);
  for (const item of items) {
    const text = JSON.stringify(item);
    for (const fragment of fragments)
      expect({ item: item.pk, holds: text.includes(fragment) }).toEqual({ item: item.pk, holds: false });
  }
};

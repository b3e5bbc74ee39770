import type { TenantApiKeys } from '../../ports/tenant-directory.js';
import type { TransactItem } from './decision-writes.js';
import { apiKeyKey, tenantApiKeysKey } from './keys.js';
import { TTL_ATTRIBUTE } from './table-schema.js';

const hashesOf = (keys: TenantApiKeys | undefined): string[] =>
  keys ? [keys.current, ...(keys.previous ? [keys.previous.hash] : [])] : [];

/** A key item may be written only for its own tenant: a hash never moves to another tenant. */
const OWN_OR_NEW = 'attribute_not_exists(pk) OR tenantId = :tenantId';

const keyItemPut = (
  tableName: string,
  tenantId: string,
  hash: string,
  validUntil?: string,
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...apiKeyKey(hash),
      entity: 'apiKey',
      tenantId,
      // The authorizer checks validUntil itself; TTL only clears the item away some time later.
      ...(validUntil
        ? { validUntil, [TTL_ATTRIBUTE]: Math.ceil(new Date(validUntil).getTime() / 1000) }
        : {}),
    },
    ConditionExpression: OWN_OR_NEW,
    ExpressionAttributeValues: { ':tenantId': tenantId },
  },
});

/** The tenant's record of its key hashes, written only if it is still what the caller read. */
const recordPut = (
  tableName: string,
  tenantId: string,
  expected: TenantApiKeys | undefined,
  next: TenantApiKeys,
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: { ...tenantApiKeysKey(tenantId), entity: 'apiKeys', tenantId, ...next },
    ...(expected
      ? {
          ConditionExpression: '#current = :current',
          ExpressionAttributeNames: { '#current': 'current' },
          ExpressionAttributeValues: { ':current': expected.current },
        }
      : { ConditionExpression: 'attribute_not_exists(pk)' }),
  },
});

/**
 * Every write that takes a tenant from `expected` keys to `next` ones, for one transaction: the
 * record first (index 0, so a stale read is told apart from a key owned by another tenant).
 */
export const apiKeyWrites = (
  tableName: string,
  tenantId: string,
  expected: TenantApiKeys | undefined,
  next: TenantApiKeys,
): TransactItem[] => {
  const kept = new Set(hashesOf(next));
  const puts: TransactItem[] = [];
  if (expected?.current !== next.current) puts.push(keyItemPut(tableName, tenantId, next.current));
  if (
    next.previous &&
    (expected?.previous?.hash !== next.previous.hash ||
      expected.previous.validUntil !== next.previous.validUntil)
  ) {
    puts.push(keyItemPut(tableName, tenantId, next.previous.hash, next.previous.validUntil));
  }
  const deletes: TransactItem[] = hashesOf(expected)
    .filter((hash) => !kept.has(hash))
    .map((hash) => ({
      Delete: {
        TableName: tableName,
        Key: apiKeyKey(hash),
        ConditionExpression: OWN_OR_NEW,
        ExpressionAttributeValues: { ':tenantId': tenantId },
      },
    }));
  return [recordPut(tableName, tenantId, expected, next), ...puts, ...deletes];
};

/**
 * A request's idempotency key, kept as an item of its own: written only if new, in the same
 * transaction as what the request changes, so a repeat is refused before anything is written.
 */
import { documentSdk } from '../aws-sdk.js';
import { conditionFields, itemIsNew } from './conditions.js';
import type { TransactItem } from './decision-writes.js';
import { ENTITY } from './items.js';
import { idempotencyKey } from './keys.js';
import type { TableAccess } from './table-reads.js';

const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;

/** Epoch seconds after which the table's TTL may drop a key written at `nowMs`. */
export const idempotencyExpiresAt = (nowMs: number): number =>
  Math.floor(nowMs / 1000) + IDEMPOTENCY_TTL_SECONDS;

export const claimIdempotencyKey = (
  tableName: string,
  tenantId: string,
  key: string,
  expiresAt?: number,
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...idempotencyKey(tenantId, key),
      entity: ENTITY.idempotency,
      ...(expiresAt ? { expiresAt } : {}),
    },
    ...conditionFields(itemIsNew()),
  },
});

export const idempotencyKeyWasUsed = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  key: string,
): Promise<boolean> => {
  const { GetCommand } = await documentSdk();
  const { Item } = await client.send(
    new GetCommand({
      TableName: tableName,
      Key: idempotencyKey(tenantId, key),
      ConsistentRead: true,
      ProjectionExpression: 'pk',
    }),
  );
  return Item !== undefined;
};

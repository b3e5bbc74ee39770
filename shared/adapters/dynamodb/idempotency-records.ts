/**
 * A request's idempotency key, kept as an item of its own: written only if new, in the same
 * transaction as the first thing the request changes, so a repeat is refused before anything is
 * written. The key says how far the request got (DESIGN §11: a key never outlives a decision that
 * was rolled back or abandoned, and `duplicate` is only the answer for work that is complete):
 *
 * - `reserving`: an oversized decision is moving stock in reservation chunks. The key is owned by
 *   the first chunk's reservation and leaves with it: whoever undoes that reservation (the writer
 *   itself, the sweep, or a redelivery taking over after `leaseUntil`) deletes the key in the same
 *   transaction. A repeat meanwhile is told the request is in progress, never that it is a duplicate.
 * - `applied`: the request's own change has landed, work that follows from it (serving the stock it
 *   freed) may not have: a repeat completes that work instead of being answered `duplicate`.
 * - `done` (or no state, as written before states existed): a repeat is a duplicate.
 */
import { BUS_ARCHIVE_RETENTION_DAYS } from '../../events/bus-archive.js';
import { IdempotencyKeyReusedError } from '../../ports/backorder-repository.js';
import { documentSdk } from '../aws-sdk.js';
import { conditionFields, itemExists, itemIsNew } from './conditions.js';
import type { TransactItem } from './decision-writes.js';
import { ENTITY } from './items.js';
import { type ItemKey, idempotencyKey } from './keys.js';
import type { NetMovement } from './stock-updates.js';
import type { TableAccess } from './table-reads.js';

/**
 * As long as the bus archive keeps events for replay, and a week more (TTL deletes late, and a
 * replay may be started at the end of the archive's window): a replayed event meets its key.
 */
const IDEMPOTENCY_TTL_SECONDS = (BUS_ARCHIVE_RETENTION_DAYS + 7) * 24 * 3600;

export type KeyState = 'reserving' | 'applied' | 'done';

/** Where the reservations of the oversized commit that owns a `reserving` key are, and until when it may run. */
export interface KeyReservation {
  pk: string;
  /** Sort key prefix shared by the commit's reservation chunks. */
  prefix: string;
  /** Epoch ms after which the commit is taken for dead and may be undone by anyone. */
  leaseUntil: number;
  /** Stock an earlier attempt's landed chunks received and a takeover kept (adopt-abandoned-commit.ts). */
  adopted?: NetMovement[];
}

/** Epoch seconds after which the table's TTL may drop a key written at `nowMs`. */
export const idempotencyExpiresAt = (nowMs: number): number =>
  Math.floor(nowMs / 1000) + IDEMPOTENCY_TTL_SECONDS;

export const claimIdempotencyKey = (
  tableName: string,
  tenantId: string,
  key: string,
  claim: { expiresAt?: number; state: KeyState; reservation?: KeyReservation; requestHash?: string },
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...idempotencyKey(tenantId, key),
      entity: ENTITY.idempotency,
      state: claim.state,
      ...(claim.expiresAt ? { expiresAt: claim.expiresAt } : {}),
      ...(claim.reservation ? { reservation: claim.reservation } : {}),
      ...(claim.requestHash ? { requestHash: claim.requestHash } : {}),
    },
    ...conditionFields(itemIsNew()),
  },
});

/** Moves a claimed key on (`applied` or `done`); it no longer belongs to a reservation. */
export const settleIdempotencyKey = (
  tableName: string,
  tenantId: string,
  key: string,
  state: Exclude<KeyState, 'reserving'>,
): TransactItem => {
  const condition = itemExists();
  return {
    Update: {
      TableName: tableName,
      Key: idempotencyKey(tenantId, key),
      UpdateExpression: 'SET #state = :state REMOVE #reservation',
      ...conditionFields(condition),
      ExpressionAttributeNames: { ...condition.names, '#state': 'state', '#reservation': 'reservation' },
      ExpressionAttributeValues: { ':state': state },
    },
  };
};

/** Deletes a key together with the reservation that owns it (see `reserving` above). */
export const releaseIdempotencyKey = (tableName: string, key: ItemKey): TransactItem => ({
  Delete: { TableName: tableName, Key: key },
});

/** Marks a request whose follow-up work is finished as done: a repeat is now a duplicate. */
export const completeIdempotencyKey = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  key: string,
): Promise<void> => {
  const { UpdateCommand } = await documentSdk();
  const update = settleIdempotencyKey(tableName, tenantId, key, 'done').Update;
  if (!update) return;
  await client.send(new UpdateCommand(update)).catch((error: Error) => {
    // Gone: expired, which only happens long after the work was done.
    if (error.name !== 'ConditionalCheckFailedException') throw error;
  });
};

/** Refuses a key found bound to another request than the one it is given with now. */
export const checkRequestHash = (key: string, found: { requestHash?: unknown }, requestHash?: string) => {
  if (requestHash && found.requestHash !== undefined && found.requestHash !== requestHash) {
    throw new IdempotencyKeyReusedError('This Idempotency-Key was used for a different request', {
      header: 'Idempotency-Key',
    });
  }
  return key;
};

/** Whether the request's own change landed (`applied` or `done`). */
export const idempotencyKeyWasUsed = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  key: string,
  requestHash?: string,
): Promise<boolean> => {
  const { GetCommand } = await documentSdk();
  const { Item } = await client.send(
    new GetCommand({
      TableName: tableName,
      Key: idempotencyKey(tenantId, key),
      ConsistentRead: true,
      ProjectionExpression: '#state, #requestHash',
      ExpressionAttributeNames: { '#state': 'state', '#requestHash': 'requestHash' },
    }),
  );
  if (Item) checkRequestHash(key, Item, requestHash);
  return Item !== undefined && Item.state !== 'reserving';
};

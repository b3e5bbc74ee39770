import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ChannelChange } from '../../domain/channel-change.js';
import { documentSdk } from '../aws-sdk.js';
import { type Condition, channelChangeSeqIs, itemIsNew } from './conditions.js';
import type { TransactItem } from './decision-writes.js';
import { ENTITY, type Item } from './items.js';
import { channelChangeKey, type ItemKey, orderKey } from './keys.js';
import type { TableAccess } from './table-reads.js';

/**
 * The channel's newest change to an order, one item beside the order (keys.ts). It is replaced only
 * by a newer change: a later version, or a cancellation at the same version; a change without a
 * version replaces it whatever it holds. `seq` counts the writes, for intake's condition.
 */
export const channelChangeFromItem = (item: Item): ChannelChange => ({
  orderId: String(item.orderId),
  cancelled: item.cancelled === true,
  ...(typeof item.version === 'string' ? { version: item.version } : {}),
  ...(typeof item.reason === 'string' ? { reason: item.reason } : {}),
  ...(Array.isArray(item.lines) ? { lines: item.lines as ChannelChange['lines'] } : {}),
  seq: Number(item.seq ?? 0),
});

/** The condition under which `change` replaces the change kept (absent: any). */
const newerThanKept = (change: ChannelChange): Condition | undefined => {
  if (!change.version) return undefined;
  return {
    expression: change.cancelled
      ? 'attribute_not_exists(#keptVersion) OR #keptVersion < :version OR (#keptVersion = :version AND #keptCancelled = :false)'
      : 'attribute_not_exists(#keptVersion) OR #keptVersion < :version',
    names: { '#keptVersion': 'version', ...(change.cancelled ? { '#keptCancelled': 'cancelled' } : {}) },
    values: { ':version': change.version, ...(change.cancelled ? { ':false': false } : {}) },
  };
};

/** An Update keeping `change` if it is newer than the change kept, bumping `seq`. */
export const keepChannelChange = (
  tableName: string,
  tenantId: string,
  change: ChannelChange,
): TransactItem => {
  const condition = newerThanKept(change);
  const fields: Record<string, unknown> = {
    entity: ENTITY.channelChange,
    tenantId,
    orderId: change.orderId,
    cancelled: change.cancelled,
    ...(change.reason ? { reason: change.reason } : {}),
    ...(change.lines ? { lines: change.lines } : {}),
    ...(change.version ? { version: change.version } : {}),
  };
  const names = Object.fromEntries(Object.keys(fields).map((name) => [`#f_${name}`, name]));
  const values = Object.fromEntries(Object.entries(fields).map(([name, value]) => [`:f_${name}`, value]));
  const sets = Object.keys(fields).map((name) => `#f_${name} = :f_${name}`);
  const removed = ['reason', 'lines', 'version'].filter((name) => !(name in fields));
  return {
    Update: {
      TableName: tableName,
      Key: channelChangeKey(tenantId, change.orderId),
      UpdateExpression:
        `SET ${[...sets, '#seq = if_not_exists(#seq, :zero) + :one'].join(', ')}` +
        (removed.length > 0 ? ` REMOVE ${removed.map((name) => `#r_${name}`).join(', ')}` : ''),
      ExpressionAttributeNames: {
        ...names,
        '#seq': 'seq',
        ...Object.fromEntries(removed.map((name) => [`#r_${name}`, name])),
        ...(condition?.names ?? {}),
      },
      ExpressionAttributeValues: { ...values, ':zero': 0, ':one': 1, ...(condition?.values ?? {}) },
      ...(condition
        ? {
            ConditionExpression: condition.expression,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          }
        : {}),
    },
  };
};

/** A ConditionCheck item of a transaction; its failure returns the item as it was found. */
const conditionCheck = (tableName: string, key: ItemKey, condition: Condition): TransactItem => ({
  ConditionCheck: {
    TableName: tableName,
    Key: key,
    ConditionExpression: condition.expression,
    ExpressionAttributeNames: condition.names,
    ...(Object.keys(condition.values).length > 0 ? { ExpressionAttributeValues: condition.values } : {}),
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  },
});

/**
 * Intake's guard: the change kept for a new order is still the one intake read (none, or the same
 * `seq`), so that a change kept meanwhile is never lost.
 */
export const channelChangeUnchanged = (
  tableName: string,
  tenantId: string,
  orderId: string,
  seq?: number,
): TransactItem =>
  conditionCheck(tableName, channelChangeKey(tenantId, orderId), seq ? channelChangeSeqIs(seq) : itemIsNew());

/**
 * Keeps a change for an order that has not arrived, in one transaction with the check that it
 * still has not: otherwise intake could commit in between and never see the change.
 */
export const keepEarlyChange = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  change: ChannelChange,
): Promise<'kept' | 'older' | 'order-exists'> => {
  const { TransactWriteCommand } = await documentSdk();
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          conditionCheck(tableName, orderKey(tenantId, change.orderId), itemIsNew()),
          keepChannelChange(tableName, tenantId, change),
        ],
      }),
    );
    return 'kept';
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    const [order, kept] = (error as TransactionCanceledException).CancellationReasons ?? [];
    if (order?.Code === 'ConditionalCheckFailed') return 'order-exists';
    if (kept?.Code === 'ConditionalCheckFailed') return 'older';
    throw error;
  }
};

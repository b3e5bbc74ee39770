import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { ChannelChange } from '../../domain/channel-change.js';
import { documentSdk } from '../aws-sdk.js';
import { type Condition, noOrderYet } from './conditions.js';
import type { TransactItem } from './decision-writes.js';
import { ENTITY, type Item } from './items.js';
import { channelChangeKey, type ItemKey, orderKey } from './keys.js';
import type { TableAccess } from './table-reads.js';

/**
 * The channel's newest change to an order, one item beside the order (keys.ts). It is replaced only
 * by a newer change: a later version, or a cancellation at the same version; a change without a
 * version replaces it whatever it holds. A change kept before its order also stands, as an
 * `earlyChange` item with a `seq` of its own, under the order's key (`keepEarlyChange`).
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

/**
 * The condition under which `change` is at least as new as the change kept: newer, or the same
 * one again (the webhook usually kept it before the bus delivered it).
 */
const notOlderThanKept = (change: ChannelChange): Condition | undefined => {
  if (!change.version) return undefined;
  return {
    expression: change.cancelled
      ? 'attribute_not_exists(#keptVersion) OR #keptVersion <= :version'
      : 'attribute_not_exists(#keptVersion) OR #keptVersion < :version OR (#keptVersion = :version AND #keptCancelled = :false)',
    names: { '#keptVersion': 'version', ...(change.cancelled ? {} : { '#keptCancelled': 'cancelled' }) },
    values: { ':version': change.version, ...(change.cancelled ? {} : { ':false': false }) },
  };
};

/** An Update writing `change` at `key` as `entity` under `condition`, bumping `seq`. */
const changeUpdate = (
  tableName: string,
  tenantId: string,
  change: ChannelChange,
  { key, entity, condition }: { key: ItemKey; entity: string; condition: Condition | undefined },
): TransactItem => {
  const fields: Record<string, unknown> = {
    entity,
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
      Key: key,
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

/** An Update keeping `change` beside its order if it is newer than the change kept, bumping `seq`. */
export const keepChannelChange = (tableName: string, tenantId: string, change: ChannelChange): TransactItem =>
  changeUpdate(tableName, tenantId, change, {
    key: channelChangeKey(tenantId, change.orderId),
    entity: ENTITY.channelChange,
    condition: newerThanKept(change),
  });

/**
 * Keeps a change for an order that has not arrived (DESIGN §10): beside the order, as every change
 * is kept, and under the order's own key, where the new order's own condition (`earlyChangeSeqIs`,
 * else `itemIsNew`) finds it, so intake needs no check of its own. Both land only while no order is
 * stored there and the change is not older than the one kept; the copy under the order's key is
 * then the newest change, and the order replaces it when it arrives.
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
          changeUpdate(tableName, tenantId, change, {
            key: orderKey(tenantId, change.orderId),
            entity: ENTITY.earlyChange,
            condition: noOrderYet(),
          }),
          changeUpdate(tableName, tenantId, change, {
            key: channelChangeKey(tenantId, change.orderId),
            entity: ENTITY.channelChange,
            condition: notOlderThanKept(change),
          }),
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

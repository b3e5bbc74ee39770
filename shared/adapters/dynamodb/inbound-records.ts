/** Expected supply: one item per inbound id, in the partition of its warehouse and SKU. */
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { StockTarget } from '../../allocation/serve-waiting.js';
import type { InboundSupply } from '../../domain/inbound.js';
import { StaleInboundChangeError } from '../../domain/inbound-errors.js';
import { DuplicateRequestError, type InboundReceipt } from '../../ports/backorder-repository.js';
import { documentSdk, dynamoDbUtil } from '../aws-sdk.js';
import { allOf, type Condition, conditionFields, itemExists } from './conditions.js';
import { claimIdempotencyKey } from './idempotency-records.js';
import type { Item } from './items.js';
import { inboundKey, inboundPk } from './keys.js';
import { queryAll, type TableAccess } from './table-reads.js';

/**
 * The stored line is not newer than this change (a line stored before versions existed never is).
 * An equal version is a repeat, and writing the same change again changes nothing.
 */
const storedNotNewerThan = (updatedAt: string): Condition => ({
  expression:
    'attribute_not_exists(#inboundPk) OR attribute_not_exists(#updatedAt) OR #updatedAt <= :updatedAt',
  names: { '#inboundPk': 'pk', '#updatedAt': 'updatedAt' },
  values: { ':updatedAt': updatedAt },
});

/** An unversioned change cannot be ordered against a versioned line: it applies to unversioned lines only. */
const storedUnversioned = (): Condition => ({
  expression: 'attribute_not_exists(#inboundPk) OR attribute_not_exists(#updatedAt)',
  names: { '#inboundPk': 'pk', '#updatedAt': 'updatedAt' },
  values: {},
});

/** The receipt has not been counted against this line yet: a repeated receipt counts once. */
const receiptNotCounted = (receiptKey: string): Condition => ({
  expression: 'NOT contains(#receipts, :receiptKey)',
  names: { '#receipts': 'receipts' },
  values: { ':receiptKey': receiptKey },
});

export const inboundFromItem = (item: Item, tenantId: string): InboundSupply => ({
  tenantId,
  inboundId: String(item.inboundId),
  warehouseId: String(item.warehouseId),
  sku: String(item.sku),
  quantity: Number(item.quantity),
  eta: String(item.eta),
  ...(item.updatedAt !== undefined ? { updatedAt: String(item.updatedAt) } : {}),
  ...(item.received !== undefined ? { received: Number(item.received) } : {}),
});

const inboundOfTarget = ({ client, tableName }: TableAccess, tenantId: string, target: StockTarget) =>
  queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': 'pk' },
    ExpressionAttributeValues: { ':pk': inboundPk(tenantId, target.warehouseId, target.sku) },
  });

/** Every inbound line of the targets, open or closed: one Query per warehouse and SKU. */
export const readInbound = async (
  table: TableAccess,
  tenantId: string,
  targets: readonly StockTarget[],
): Promise<InboundSupply[]> => {
  const pages = await Promise.all(targets.map((target) => inboundOfTarget(table, tenantId, target)));
  return pages.flat().map((item) => inboundFromItem(item, tenantId));
};

/**
 * A change sets what is expected (quantity, ETA, version) and keeps what was received, so a change
 * and a receipt commute. Older than the stored version, it is refused with what is stored.
 * Versions are ISO 8601 in UTC with milliseconds, so text order is time order.
 */
const changeInbound = (tableName: string, supply: InboundSupply) => {
  const condition = supply.updatedAt ? storedNotNewerThan(supply.updatedAt) : storedUnversioned();
  return {
    TableName: tableName,
    Key: inboundKey(supply.tenantId, supply.warehouseId, supply.sku, supply.inboundId),
    UpdateExpression: `SET #entity = :entity, #tenantId = :tenantId, #inboundId = :inboundId, #warehouseId = :warehouseId, #sku = :sku, #quantity = :quantity, #eta = :eta${supply.updatedAt ? ', #updatedAt = :updatedAt' : ''}`,
    ...conditionFields(condition),
    ExpressionAttributeNames: {
      ...condition.names,
      '#entity': 'entity',
      '#tenantId': 'tenantId',
      '#inboundId': 'inboundId',
      '#warehouseId': 'warehouseId',
      '#sku': 'sku',
      '#quantity': 'quantity',
      '#eta': 'eta',
    },
    ExpressionAttributeValues: {
      ...condition.values,
      ':entity': 'inbound',
      ':tenantId': supply.tenantId,
      ':inboundId': supply.inboundId,
      ':warehouseId': supply.warehouseId,
      ':sku': supply.sku,
      ':quantity': supply.quantity,
      ':eta': supply.eta,
    },
  };
};

const staleError = async (found: Record<string, unknown> | undefined, supply: InboundSupply) => {
  const { unmarshall } = await dynamoDbUtil();
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's error carries the item in wire form
  const item = found ? (unmarshall(found as any) as Item) : undefined;
  return new StaleInboundChangeError(item ? inboundFromItem(item, supply.tenantId) : supply);
};

/**
 * Writes a change unless the stored line is as new or newer (StaleInboundChangeError). With an
 * idempotency key, the change is written together with the key, so a repeat is refused.
 */
export const writeInbound = async (
  { client, tableName }: TableAccess,
  supply: InboundSupply,
  idempotency?: { key: string; expiresAt: number },
): Promise<void> => {
  const { UpdateCommand, TransactWriteCommand } = await documentSdk();
  if (!idempotency) {
    try {
      await client.send(new UpdateCommand(changeInbound(tableName, supply)));
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      throw await staleError((error as { Item?: Record<string, unknown> }).Item, supply);
    }
    return;
  }
  const items = [
    claimIdempotencyKey(tableName, supply.tenantId, idempotency.key, {
      state: 'done',
      expiresAt: idempotency.expiresAt,
    }),
    { Update: changeInbound(tableName, supply) },
  ];
  try {
    await client.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    const [key, line] = (error as TransactionCanceledException).CancellationReasons ?? [];
    if (key?.Code === 'ConditionalCheckFailed') throw new DuplicateRequestError(idempotency.key);
    if (line?.Code === 'ConditionalCheckFailed') throw await staleError(line.Item, supply);
    throw error;
  }
};

/**
 * Counts a receipt against each inbound line it names, once per receipt (the receipt's key is
 * kept on the line): one conditional update per line. A line already counted is left as it is.
 */
export const receiveAgainstInbound = async (
  { client, tableName }: TableAccess,
  tenantId: string,
  receiptKey: string,
  lines: readonly InboundReceipt[],
): Promise<void> => {
  const { UpdateCommand } = await documentSdk();
  const condition = allOf(itemExists(), receiptNotCounted(receiptKey)) as Condition;
  await Promise.all(
    lines.map(async (line) => {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: inboundKey(tenantId, line.warehouseId, line.sku, line.inboundId),
            UpdateExpression: 'ADD #received :units, #receipts :receiptKeys',
            ...conditionFields(condition),
            ExpressionAttributeNames: { ...condition.names, '#received': 'received' },
            ExpressionAttributeValues: {
              ...condition.values,
              ':units': line.quantity,
              ':receiptKeys': new Set([receiptKey]),
            },
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }),
  );
};

/** Expected supply: one item per inbound id, in the partition of its warehouse and SKU. */
import type { StockTarget } from '../../allocation/serve-waiting.js';
import type { InboundSupply } from '../../domain/inbound.js';
import { documentSdk } from '../aws-sdk.js';
import { claimIdempotencyKey } from './idempotency-records.js';
import { inboundKey, inboundPk } from './keys.js';
import { queryAll, type TableAccess } from './table-reads.js';
import { sendTransaction } from './transaction-errors.js';

const inboundOfTarget = ({ client, tableName }: TableAccess, tenantId: string, target: StockTarget) =>
  queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': 'pk' },
    ExpressionAttributeValues: { ':pk': inboundPk(tenantId, target.warehouseId, target.sku) },
  });

export const readInbound = async (
  table: TableAccess,
  tenantId: string,
  targets: readonly StockTarget[],
): Promise<InboundSupply[]> => {
  const pages = await Promise.all(targets.map((target) => inboundOfTarget(table, tenantId, target)));
  return pages.flat().map((item) => ({
    tenantId,
    inboundId: String(item.inboundId),
    warehouseId: String(item.warehouseId),
    sku: String(item.sku),
    quantity: Number(item.quantity),
    eta: String(item.eta),
  }));
};

/** With an idempotency key, the supply is written together with the key, so a repeat is refused. */
export const writeInbound = async (
  { client, tableName }: TableAccess,
  supply: InboundSupply,
  idempotency?: { key: string; expiresAt: number },
): Promise<void> => {
  const { PutCommand } = await documentSdk();
  const item = {
    ...inboundKey(supply.tenantId, supply.warehouseId, supply.sku, supply.inboundId),
    entity: 'inbound',
    ...supply,
  };
  if (!idempotency) {
    await client.send(new PutCommand({ TableName: tableName, Item: item }));
    return;
  }
  const items = [
    claimIdempotencyKey(tableName, supply.tenantId, idempotency.key, {
      state: 'done',
      expiresAt: idempotency.expiresAt,
    }),
    { Put: { TableName: tableName, Item: item } },
  ];
  await sendTransaction(client, items, {
    tenantId: supply.tenantId,
    idempotencyKey: idempotency.key,
    committedBefore: false,
  });
};

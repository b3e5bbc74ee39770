import {
  INTAKE_PK_PREFIX,
  INTAKE_SHARDS,
  OUTBOX_PK_PREFIX,
  OUTBOX_SHARDS,
  TIMER_PK_PREFIX,
  TIMER_SHARDS,
} from './table-schema.js';

/**
 * Key builders for the single-table design. An order family (the order, its backorders, their
 * history and waiting items) shares one partition, so one Query reads all of it.
 */
export interface ItemKey {
  pk: string;
  sk: string;
}

const BACKORDER_SUFFIX = /(-BO\d+)+$/;

/** The family root of an order id: backorder ids are `<parentId>-BO<n>`. */
export const rootOrderId = (orderId: string): string => orderId.replace(BACKORDER_SUFFIX, '');

export const orderFamilyPk = (tenantId: string, orderId: string): string =>
  `T#${tenantId}#ORDER#${rootOrderId(orderId)}`;

export const orderKey = (tenantId: string, orderId: string): ItemKey => ({
  pk: orderFamilyPk(tenantId, orderId),
  sk: `ORDER#${orderId}`,
});

/** Versions are zero-padded so that an order's history sorts in the order it happened. */
export const historyKey = (tenantId: string, orderId: string, version: number): ItemKey => ({
  pk: orderFamilyPk(tenantId, orderId),
  sk: `HISTORY#${orderId}#${String(version).padStart(10, '0')}`,
});

export const waitKey = (tenantId: string, orderId: string, sku: string): ItemKey => ({
  pk: orderFamilyPk(tenantId, orderId),
  sk: `WAIT#${orderId}#${sku}`,
});

/** One per order and held SKU beyond the first (holding-records.ts). */
export const holdKey = (tenantId: string, orderId: string, sku: string): ItemKey => ({
  pk: orderFamilyPk(tenantId, orderId),
  sk: `HOLD#${orderId}#${sku}`,
});

/** Every warehouse's stock level of one SKU shares a partition, so one Query reads them all. */
export const stockPk = (tenantId: string, sku: string): string => `T#${tenantId}#STOCK#${sku}`;

export const stockItemKey = (tenantId: string, warehouseId: string, sku: string): ItemKey => ({
  pk: stockPk(tenantId, sku),
  sk: `WH#${warehouseId}`,
});

export const idempotencyKey = (tenantId: string, key: string): ItemKey => ({
  pk: `T#${tenantId}#IDEMPOTENCY#${key}`,
  sk: 'KEY',
});

export const policyKey = (tenantId: string): ItemKey => ({ pk: `T#${tenantId}`, sk: 'POLICIES' });

/** Every kit of a tenant in one item, so a new kit is checked against all of them in one write. */
export const kitsKey = (tenantId: string): ItemKey => ({ pk: `T#${tenantId}`, sk: 'KITS' });

export const inboundPk = (tenantId: string, warehouseId: string, sku: string): string =>
  `T#${tenantId}#INBOUND#${warehouseId}#${sku}`;

export const inboundKey = (
  tenantId: string,
  warehouseId: string,
  sku: string,
  inboundId: string,
): ItemKey => ({
  pk: inboundPk(tenantId, warehouseId, sku),
  sk: `INBOUND#${inboundId}`,
});

export const waitingPartition = (tenantId: string, warehouseId: string, sku: string): string =>
  `${tenantId}#${warehouseId}#${sku}`;

/**
 * The holders of one SKU at one warehouse, on the `waiting` index beside its queues (tenant ids are
 * lower case, so `HOLD#` never begins a queue's partition).
 */
export const holdingPartition = (tenantId: string, warehouseId: string, sku: string): string =>
  `HOLD#${tenantId}#${warehouseId}#${sku}`;

export const statusPartition = (tenantId: string, status: string): string => `${tenantId}#${status}`;

/** A stable shard in 0..shards-1, so sparse index writes spread over several partitions. */
const shardOf = (text: string, shards: number): number => {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % shards;
};

export const outboxPartition = (eventKey: string): string =>
  `${OUTBOX_PK_PREFIX}${shardOf(eventKey, OUTBOX_SHARDS)}`;

/** Where entries that can never be published are kept: on the outbox index, beside no shard. */
export const OUTBOX_SET_ASIDE_PARTITION = `${OUTBOX_PK_PREFIX}aside`;

export const timerPartition = (orderId: string): string =>
  `${TIMER_PK_PREFIX}${shardOf(orderId, TIMER_SHARDS)}`;

/** Where an accepted order's inbox item is listed on the `timers` index until its order is decided. */
export const intakePartition = (orderId: string): string =>
  `${INTAKE_PK_PREFIX}${shardOf(orderId, INTAKE_SHARDS)}`;

export const intakeSortKey = (handedOverAt: string, tenantId: string, orderId: string): string =>
  `${handedOverAt}#${tenantId}#${orderId}`;

export const INTAKE_INDEX_PARTITIONS = Array.from(
  { length: INTAKE_SHARDS },
  (_, shard) => `${INTAKE_PK_PREFIX}${shard}`,
);
export const OUTBOX_INDEX_PARTITIONS = Array.from(
  { length: OUTBOX_SHARDS },
  (_, shard) => `${OUTBOX_PK_PREFIX}${shard}`,
);
export const TIMER_INDEX_PARTITIONS = Array.from(
  { length: TIMER_SHARDS },
  (_, shard) => `${TIMER_PK_PREFIX}${shard}`,
);

/**
 * The channel's newest change to an order (DESIGN §10), kept in the order's partition so that the
 * family read finds it, and written before the order exists when the change comes first.
 */
export const channelChangeKey = (tenantId: string, orderId: string): ItemKey => ({
  pk: orderFamilyPk(tenantId, orderId),
  sk: `CHANNEL#${orderId}`,
});

/** An incoming event accepted for an order (a webhook), kept with the order until it is published. */
export const inboxKey = (tenantId: string, orderId: string, eventId: string): ItemKey => ({
  pk: orderFamilyPk(tenantId, orderId),
  sk: `INBOX#${orderId}#${eventId}`,
});

/**
 * The items that may hold an outbox reference's entry, in the order to try them. `in:<eventId>` is
 * an inbox item. `v<version>` is a history entry: on its order item while it is the latest, then
 * on its own history item, where a later decision moves it.
 */
export const outboxRecordKeys = (ref: { tenantId: string; orderId: string; slot: string }): ItemKey[] =>
  ref.slot.startsWith('in:')
    ? [inboxKey(ref.tenantId, ref.orderId, ref.slot.slice(3))]
    : [orderKey(ref.tenantId, ref.orderId), historyKey(ref.tenantId, ref.orderId, Number(ref.slot.slice(1)))];

export const tenantKey = (tenantId: string): ItemKey => ({ pk: `T#${tenantId}`, sk: 'PROFILE' });

/** API keys are looked up by the hash of the key, never stored in clear. */
export const apiKeyKey = (hash: string): ItemKey => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' });

/** Which key hashes a tenant has, so a key can be rotated without presenting the old one. */
export const tenantApiKeysKey = (tenantId: string): ItemKey => ({ pk: `T#${tenantId}`, sk: 'APIKEYS' });

/** A tenant's named operators, one item each beside its profile, read by one Query. */
export const OPERATOR_SK_PREFIX = 'OPERATOR#';
export const operatorKey = (tenantId: string, name: string): ItemKey => ({
  pk: `T#${tenantId}`,
  sk: `${OPERATOR_SK_PREFIX}${name}`,
});

/** Every tenant is listed in one partition, so the sweep can visit tenants without a scan. */
export const TENANT_REGISTRY_PK = 'TENANTS';
export const tenantRegistryKey = (tenantId: string): ItemKey => ({ pk: TENANT_REGISTRY_PK, sk: tenantId });

/** A tenant's notification recipients and their count share one partition. */
export const recipientsPk = (tenantId: string): string => `T#${tenantId}#RECIPIENTS`;

export const recipientKey = (tenantId: string, recipientId: string): ItemKey => ({
  pk: recipientsPk(tenantId),
  sk: `RECIPIENT#${recipientId}`,
});

export const recipientCountKey = (tenantId: string): ItemKey => ({ pk: recipientsPk(tenantId), sk: 'COUNT' });

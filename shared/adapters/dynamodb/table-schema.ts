/**
 * Names of the backorder table's keys, indexes and attributes: the one truth shared by the CDK
 * construct (infra/stateful/backorder-table.ts) and the repository adapter. Names only: no AWS
 * import here, so the domain and adapters can use it anywhere.
 *
 * Single-table design:
 * - table keys `pk` / `sk` (both strings).
 * - `waiting` (sparse): `waitPk` = `<tenantId>#<warehouseId>#<sku>`, `waitSk` = rank in policy
 *   order, so a receipt for one SKU reads only that SKU's demand. An order item that holds nothing
 *   stands in its first short SKU's queue itself (read once, from the index); "wait" items stand
 *   for the other SKUs (waiting-records.ts). Holders use `HOLD#` partitions (holding-records.ts).
 * - `byStatus`: `statusPk` = `<tenantId>#<status>`, `statusSk` = `<createdAt ISO>#<orderId>`,
 *   on order items.
 * - `outbox` (sparse): `outboxPk` = `OUTBOX#<shard>`, `outboxSk` = `<at ISO>#<orderId>#<version>`
 *   (`<occurredAt>#<orderId>#in:<eventId>` for accepted webhook events), on unpublished outbox
 *   entries: a history entry with events, on its order item while it is the latest, else on its
 *   own history item (history-records.ts), and inbox items. Entries that can never be published
 *   are set aside under `outboxPk` = `OUTBOX#aside` (no shard: the sweep never reads it).
 * - `timers` (sparse): `timerPk` = `TIMER#<shard>`, `timerSk` = `<dueAt ISO>#<tenantId>#<orderId>`,
 *   split-delay expiries and auto-cancel deadlines for the sweep; reservations
 *   (`<dueAt>#<tenantId>#reservation`) and freed stock levels (`<freedAt>#<tenantId>#stock#<warehouseId>#<sku>`); and, in partitions of their own
 *   (`timerPk` = `INTAKE#<shard>`, `timerSk` = `<handed over at ISO>#<tenantId>#<orderId>`), the
 *   inbox items of accepted `Order Received` events until the sweep sees their order decided.
 * All indexes project all attributes. Items with `expiresAt` (epoch seconds) expire via TTL.
 */

/**
 * CloudFormation logical id of the table, fixed in the CDK construct so that refactoring the
 * construct tree never replaces the table; local tooling finds the table in the template by it.
 */
export const TABLE_LOGICAL_ID = 'BackorderTable';

/** Attribute names of the table's primary key and index keys (all of type string). */
export const TableAttr = {
  pk: 'pk',
  sk: 'sk',
  waitPk: 'waitPk',
  waitSk: 'waitSk',
  statusPk: 'statusPk',
  statusSk: 'statusSk',
  outboxPk: 'outboxPk',
  outboxSk: 'outboxSk',
  timerPk: 'timerPk',
  timerSk: 'timerSk',
} as const;

/** The TTL attribute: a number, epoch seconds. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Global secondary index names. */
export const TableIndex = {
  waiting: 'waiting',
  byStatus: 'byStatus',
  outbox: 'outbox',
  timers: 'timers',
} as const;

export type TableIndexName = (typeof TableIndex)[keyof typeof TableIndex];

/** Partition and sort key attribute of each global secondary index. */
export const IndexKeys = {
  [TableIndex.waiting]: { partitionKey: TableAttr.waitPk, sortKey: TableAttr.waitSk },
  [TableIndex.byStatus]: { partitionKey: TableAttr.statusPk, sortKey: TableAttr.statusSk },
  [TableIndex.outbox]: { partitionKey: TableAttr.outboxPk, sortKey: TableAttr.outboxSk },
  [TableIndex.timers]: { partitionKey: TableAttr.timerPk, sortKey: TableAttr.timerSk },
} as const satisfies Record<TableIndexName, { partitionKey: string; sortKey: string }>;

/** Number of shards of the sparse `outbox` and `timers` indexes (shards `0` .. `SHARDS - 1`). */
export const OUTBOX_SHARDS = 8;
export const TIMER_SHARDS = 8;
export const INTAKE_SHARDS = 8;

/** Prefixes of the sharded partition keys: `OUTBOX#<shard>`, `TIMER#<shard>`, `INTAKE#<shard>`. */
export const OUTBOX_PK_PREFIX = 'OUTBOX#';
export const TIMER_PK_PREFIX = 'TIMER#';
export const INTAKE_PK_PREFIX = 'INTAKE#';

/** Separator between the parts of composite keys. */
export const KEY_SEPARATOR = '#';

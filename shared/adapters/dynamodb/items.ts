import type { SaleOrder } from '../../domain/order.js';
import type { StockLevel } from '../../domain/stock.js';
import {
  orderKey,
  statusPartition,
  stockItemKey,
  timerPartition,
  waitingPartition,
  waitKey,
} from './keys.js';
import { TableAttr } from './table-schema.js';

export type Item = Record<string, unknown>;

export const ENTITY = {
  order: 'order',
  history: 'history',
  wait: 'wait',
  hold: 'hold',
  stock: 'stock',
  idempotency: 'idempotency',
  channelChange: 'channelChange',
  /** A channel change kept under the key of an order not received yet (channel-change-records.ts). */
  earlyChange: 'earlyChange',
} as const;

/**
 * Attributes of a history entry as stored (history-records.ts): the encoded entry with its events,
 * and while those are unpublished the sparse outbox index's keys and the entry's outbox slot (and,
 * if it was set aside, when and why). An
 * order item carries them for its latest entry, a history item for the entry it holds.
 */
export const EntryAttr = {
  entry: 'entry',
  outboxSlot: 'outboxSlot',
  publishedAt: 'publishedAt',
  outboxPk: TableAttr.outboxPk,
  outboxSk: TableAttr.outboxSk,
  /** When and why an entry that can never be published was set aside (dynamodb-outbox.ts). */
  setAsideAt: 'setAsideAt',
  setAsideReason: 'setAsideReason',
} as const;

/** An order as stored: its fields, plus the index attributes its status and timers imply. */
export const orderItem = (order: SaleOrder): Item => ({
  ...orderKey(order.tenantId, order.orderId),
  entity: ENTITY.order,
  ...order,
  [TableAttr.statusPk]: statusPartition(order.tenantId, order.status),
  [TableAttr.statusSk]: `${order.createdAt}#${order.orderId}`,
  ...(order.splitDueAt && order.status === 'AwaitingStock'
    ? {
        [TableAttr.timerPk]: timerPartition(order.orderId),
        [TableAttr.timerSk]: `${order.splitDueAt}#${order.tenantId}#${order.orderId}`,
      }
    : {}),
});

const NOT_ORDER_FIELDS = new Set<string>([
  'pk',
  'sk',
  'entity',
  ...Object.values(TableAttr),
  ...Object.values(EntryAttr),
]);

/** The order an order item holds, without its keys and its latest history entry. */
export const orderFromItem = (item: Item): SaleOrder =>
  Object.fromEntries(
    Object.entries(item).filter(([key]) => !NOT_ORDER_FIELDS.has(key)),
  ) as unknown as SaleOrder;

/** One waiting item per order and short SKU: the sparse `waiting` index serves each SKU's queue. */
export const waitItem = (order: SaleOrder, sku: string, rank: string): Item => ({
  ...waitKey(order.tenantId, order.orderId, sku),
  entity: ENTITY.wait,
  tenantId: order.tenantId,
  orderId: order.orderId,
  sku,
  [TableAttr.waitPk]: waitingPartition(order.tenantId, order.warehouseId, sku),
  [TableAttr.waitSk]: rank,
});

export const stockFromItem = (
  item: Item | undefined,
  tenantId: string,
  warehouseId: string,
  sku: string,
): StockLevel => ({
  tenantId,
  warehouseId,
  sku,
  onHand: Number(item?.onHand ?? 0),
  allocated: Number(item?.allocated ?? 0),
});

export const stockKeyOf = (level: Pick<StockLevel, 'tenantId' | 'warehouseId' | 'sku'>) =>
  stockItemKey(level.tenantId, level.warehouseId, level.sku);

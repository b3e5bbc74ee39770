import type { HistoryEntry } from '../../domain/history.js';
import type { SaleOrder } from '../../domain/order.js';
import type { StockLevel } from '../../domain/stock.js';
import type { OutgoingEvent } from '../../events/outgoing-events.js';
import { historySlot } from '../../ports/event-publisher.js';
import {
  historyKey,
  orderKey,
  outboxPartition,
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
  stock: 'stock',
  idempotency: 'idempotency',
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

const INDEX_ATTRIBUTES = new Set<string>(['pk', 'sk', 'entity', ...Object.values(TableAttr)]);

const withoutIndexAttributes = (item: Item): Item =>
  Object.fromEntries(Object.entries(item).filter(([key]) => !INDEX_ATTRIBUTES.has(key)));

export const orderFromItem = (item: Item): SaleOrder => withoutIndexAttributes(item) as unknown as SaleOrder;

/**
 * A history entry, which doubles as the outbox: the events its decision caused ride on it, and
 * the sparse outbox index lists it until they are published.
 */
export const historyItem = (entry: HistoryEntry, events: readonly OutgoingEvent[]): Item => ({
  ...historyKey(entry.tenantId, entry.orderId, entry.version),
  entity: ENTITY.history,
  ...entry,
  ...(events.length > 0
    ? {
        events,
        outboxSlot: historySlot(entry.version),
        [TableAttr.outboxPk]: outboxPartition(`${entry.orderId}#${entry.version}`),
        [TableAttr.outboxSk]: `${entry.at}#${entry.orderId}#${entry.version}`,
      }
    : {}),
});

export const historyFromItem = (item: Item): HistoryEntry => {
  const {
    events: _events,
    publishedAt: _publishedAt,
    outboxSlot: _slot,
    ...rest
  } = withoutIndexAttributes(item);
  return rest as unknown as HistoryEntry;
};

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

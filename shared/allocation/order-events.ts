import { isStockManaged, type OrderLine, type SaleOrder, shortLines } from '../domain/order.js';
import { OUTGOING_SCHEMA_VERSION } from '../events/outgoing-events.js';
import type { Workspace } from './workspace.js';

const lineSummaries = (lines: readonly OrderLine[]) =>
  lines.map(({ lineId, sku, quantity, allocated }) => ({ lineId, sku, quantity, allocated }));

/**
 * Common detail fields. The event id derives from the trigger, the order and the type, so a
 * retried decision publishes the same ids and consumers can drop the repeats.
 */
const orderRef = (ws: Workspace, order: SaleOrder, slug: string) => ({
  schemaVersion: OUTGOING_SCHEMA_VERSION,
  tenantId: order.tenantId,
  eventId: `${ws.context.eventId}:${order.orderId}:${slug}`,
  causationId: ws.context.eventId,
  occurredAt: ws.context.now,
  orderId: order.orderId,
  channel: order.channel,
  channelOrderId: order.channelOrderId,
  warehouseId: order.warehouseId,
});

export const emitOrderAllocated = (ws: Workspace, order: SaleOrder): void =>
  ws.emit({
    detailType: 'Order Allocated',
    detail: { ...orderRef(ws, order, 'allocated'), lines: lineSummaries(order.lines) },
  });

export const emitAwaitingStock = (ws: Workspace, order: SaleOrder): void =>
  ws.emit({
    detailType: 'Order Awaiting Stock',
    detail: {
      ...orderRef(ws, order, 'awaiting-stock'),
      lines: lineSummaries(order.lines),
      missing: shortLines(order).map((line) => ({
        lineId: line.lineId,
        sku: line.sku,
        quantity: line.quantity - line.allocated,
      })),
    },
  });

export const emitOrderSplit = (ws: Workspace, parent: SaleOrder, backorder: SaleOrder): void =>
  ws.emit({
    detailType: 'Order Split',
    detail: {
      ...orderRef(ws, parent, `split:${backorder.orderId}`),
      backorderId: backorder.orderId,
      shipping: lineSummaries(parent.lines),
      backordered: lineSummaries(backorder.lines),
    },
  });

export const emitBackorderFulfilled = (ws: Workspace, order: SaleOrder): void =>
  ws.emit({
    detailType: 'Backorder Fulfilled',
    detail: {
      ...orderRef(ws, order, 'fulfilled'),
      ...(order.parentId ? { parentId: order.parentId } : {}),
      lines: lineSummaries(order.lines),
    },
  });

export const emitOrdersMerged = (ws: Workspace, parent: SaleOrder, merged: SaleOrder): void =>
  ws.emit({
    detailType: 'Orders Merged',
    detail: {
      ...orderRef(ws, parent, `merged:${merged.orderId}`),
      mergedId: merged.orderId,
      lines: lineSummaries(parent.lines),
    },
  });

export const emitOrderRejected = (ws: Workspace, order: SaleOrder, reason: string): void =>
  ws.emit({
    detailType: 'Order Rejected',
    detail: { ...orderRef(ws, order, 'rejected'), reason, lines: lineSummaries(order.lines) },
  });

export const emitChangeRefused = (
  ws: Workspace,
  order: SaleOrder,
  change: 'update' | 'cancel',
  lines: Array<{ lineId: string; sku: string | null; before: number; after: number }>,
  reason: string,
): void =>
  ws.emit({
    detailType: 'Order Change Refused',
    detail: { ...orderRef(ws, order, 'change-refused'), change, lines, reason },
  });

export const emitBackorderOverdue = (
  ws: Workspace,
  order: SaleOrder,
  wait: { waitingSince: string; daysWaiting: number; escalateAfterDays: number },
): void =>
  ws.emit({
    detailType: 'Backorder Overdue',
    detail: {
      ...orderRef(ws, order, 'overdue'),
      ...(order.parentId ? { parentId: order.parentId } : {}),
      ...wait,
      missing: shortLines(order).map((line) => ({
        lineId: line.lineId,
        sku: line.sku,
        quantity: line.quantity - line.allocated,
      })),
    },
  });

export const emitAllocationChanged = (
  ws: Workspace,
  order: SaleOrder,
  changes: Array<{ lineId: string; sku: string; before: number; after: number }>,
): void => {
  if (changes.length === 0) return;
  ws.emit({
    detailType: 'Allocation Changed',
    detail: { ...orderRef(ws, order, 'allocation-changed'), changes },
  });
};

/**
 * Derives the status and allocation events from what a decision changed, so that every decision
 * tells the world the same things the same way. Splits announce themselves (`emitOrderSplit`).
 */
export const emitTransitionEvents = (
  ws: Workspace,
  before: SaleOrder | null,
  after: SaleOrder,
  reasons: readonly string[],
): void => {
  if (before === null) {
    if (after.parentId) return;
    if (after.status === 'ReadyToPick') emitOrderAllocated(ws, after);
    else if (after.status === 'AwaitingStock') emitAwaitingStock(ws, after);
    else if (after.status === 'Rejected') emitOrderRejected(ws, after, reasons.join(' '));
    return;
  }
  if (before.status === 'AwaitingStock' && after.status === 'ReadyToPick') emitBackorderFulfilled(ws, after);
  if (before.status !== 'AwaitingStock' && after.status === 'AwaitingStock') emitAwaitingStock(ws, after);
  // Keyed by SKU too: a line removed, or given another SKU, gave its old stock back.
  const held = (lines: readonly OrderLine[]) =>
    new Map(lines.filter(isStockManaged).map((line) => [`${line.lineId}#${line.sku}`, line]));
  const was = held(before.lines);
  const is = held(after.lines);
  const changes = [...new Map([...was, ...is])]
    .map(([key, line]) => ({
      lineId: line.lineId,
      sku: line.sku,
      before: was.get(key)?.allocated ?? 0,
      after: is.get(key)?.allocated ?? 0,
    }))
    .filter((change) => change.before !== change.after);
  emitAllocationChanged(ws, after, changes);
};

import type { InboundSupply } from '../../../shared/domain/inbound.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { OutgoingDetail } from '../../../shared/events/outgoing-events.js';
import type { NotifiableEvent } from '../../../shared/notifications/notifiable-events.js';

/** A customer whose every detail is easy to look for in a text that must not hold it. */
export const CUSTOMER = { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+447700900123' };

const ref = (orderId: string, slug: string) => ({
  schemaVersion: 1 as const,
  tenantId: 't1',
  eventId: `evt-9:${orderId}:${slug}`,
  causationId: 'evt-9',
  occurredAt: '2026-11-28T10:00:00.000Z',
  orderId,
  channel: 'shopify',
  channelOrderId: '#1001',
  warehouseId: 'main',
});

export const order = (extra: Partial<SaleOrder> = {}): SaleOrder => ({
  tenantId: 't1',
  orderId: 'shopify-1001',
  warehouseId: 'main',
  channel: 'shopify',
  channelOrderId: '#1001',
  customer: { ...CUSTOMER },
  createdAt: '2026-11-28T09:00:00.000Z',
  status: 'AwaitingStock',
  lines: [
    { lineId: '1', sku: 'MUG-BLUE', quantity: 2, allocated: 0, title: 'Blue mug' },
    { lineId: '2', sku: 'TEE-L', quantity: 3, allocated: 1, title: 'T-shirt, large' },
    { lineId: '3', sku: null, quantity: 1, allocated: 0, title: 'Gift card' },
  ],
  backorderIds: [],
  fillable: false,
  notes: [],
  version: 3,
  ...extra,
});

export const awaitingStock = (
  extra: Partial<OutgoingDetail<'Order Awaiting Stock'>> = {},
): Extract<NotifiableEvent, { detailType: 'Order Awaiting Stock' }> => ({
  detailType: 'Order Awaiting Stock',
  detail: {
    ...ref('shopify-1001', 'awaiting-stock'),
    lines: order().lines.map(({ lineId, sku, quantity, allocated }) => ({
      lineId,
      sku,
      quantity,
      allocated,
    })),
    missing: [
      { lineId: '1', sku: 'MUG-BLUE', quantity: 2 },
      { lineId: '2', sku: 'TEE-L', quantity: 2 },
    ],
    ...extra,
  },
});

export const orderSplit = (
  extra: Partial<OutgoingDetail<'Order Split'>> = {},
): Extract<NotifiableEvent, { detailType: 'Order Split' }> => ({
  detailType: 'Order Split',
  detail: {
    ...ref('shopify-1001', 'split:shopify-1001-BO1'),
    backorderId: 'shopify-1001-BO1',
    shipping: [
      { lineId: '2', sku: 'TEE-L', quantity: 1, allocated: 1 },
      { lineId: '3', sku: null, quantity: 1, allocated: 0 },
    ],
    backordered: [
      { lineId: '1', sku: 'MUG-BLUE', quantity: 2, allocated: 0 },
      { lineId: '2', sku: 'TEE-L', quantity: 2, allocated: 0 },
    ],
    ...extra,
  },
});

export const backorderFulfilled = (
  extra: Partial<OutgoingDetail<'Backorder Fulfilled'>> = {},
): Extract<NotifiableEvent, { detailType: 'Backorder Fulfilled' }> => ({
  detailType: 'Backorder Fulfilled',
  detail: {
    ...ref('shopify-1001-BO1', 'fulfilled'),
    parentId: 'shopify-1001',
    lines: [
      { lineId: '1', sku: 'MUG-BLUE', quantity: 2, allocated: 2 },
      { lineId: '2', sku: 'TEE-L', quantity: 2, allocated: 2 },
    ],
    ...extra,
  },
});

export const backorderOverdue = (
  extra: Partial<OutgoingDetail<'Backorder Overdue'>> = {},
): Extract<NotifiableEvent, { detailType: 'Backorder Overdue' }> => ({
  detailType: 'Backorder Overdue',
  detail: {
    ...ref('shopify-1001', 'overdue'),
    occurredAt: '2026-12-10T10:00:00.000Z',
    waitingSince: '2026-11-28T09:00:00.000Z',
    daysWaiting: 12,
    escalateAfterDays: 10,
    missing: [
      { lineId: '1', sku: 'MUG-BLUE', quantity: 2 },
      { lineId: '2', sku: 'TEE-L', quantity: 2 },
    ],
    ...extra,
  },
});

export const changeRefused = (
  extra: Partial<OutgoingDetail<'Order Change Refused'>> = {},
): Extract<NotifiableEvent, { detailType: 'Order Change Refused' }> => ({
  detailType: 'Order Change Refused',
  detail: {
    ...ref('shopify-1001', 'change-refused'),
    change: 'cancel',
    lines: [
      { lineId: '1', sku: 'MUG-BLUE', before: 2, after: 0 },
      { lineId: '3', sku: null, before: 1, after: 0 },
    ],
    reason: 'Cancelled by the channel. Refused: the order is being picked, so it keeps its lines.',
    ...extra,
  },
});

/** The backorder of the split above, as the repository would load it. */
export const backorder = (): SaleOrder =>
  order({
    orderId: 'shopify-1001-BO1',
    parentId: 'shopify-1001',
    status: 'ReadyToPick',
    lines: [
      { lineId: '1', sku: 'MUG-BLUE', quantity: 2, allocated: 2, title: 'Blue mug' },
      { lineId: '2', sku: 'TEE-L', quantity: 2, allocated: 2, title: 'T-shirt, large' },
    ],
  });

export const supply = (sku: string, quantity: number, eta: string, warehouseId = 'main'): InboundSupply => ({
  tenantId: 't1',
  inboundId: `PO-${sku}-${eta}-${warehouseId}`,
  warehouseId,
  sku,
  quantity,
  eta,
});

/** One mug arrives on the 1st, enough on the 3rd; another warehouse's earlier mugs do not count. */
export const INBOUND: InboundSupply[] = [
  supply('MUG-BLUE', 5, '2026-12-03T08:00:00Z'),
  supply('MUG-BLUE', 1, '2026-12-01T08:00:00Z'),
  supply('MUG-BLUE', 10, '2026-11-30T08:00:00Z', 'north'),
];

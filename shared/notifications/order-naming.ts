import type { SaleOrder } from '../domain/order.js';
import { fixed, oneLine, slot, type TextSlot } from './fit-text.js';
import type { NotifiableEvent } from './notifiable-events.js';

/** How every text names the order: the channel's number people know, our id, and whose it is. */
export interface OrderNaming {
  /** The order number the channel shows (absent when the channel gave none). */
  channelOrderId?: string;
  orderId: string;
  /** Set when the order is a backorder: the order it was split from. */
  parentId?: string;
  customerName?: string;
}

export const namingOf = (detail: NotifiableEvent['detail'], order: SaleOrder): OrderNaming => {
  const channelOrderId = oneLine(detail.channelOrderId);
  const customerName = oneLine(order.customer?.name);
  return {
    orderId: detail.orderId,
    ...(channelOrderId ? { channelOrderId } : {}),
    ...(order.parentId ? { parentId: order.parentId } : {}),
    ...(customerName ? { customerName } : {}),
  };
};

/** "Order #1001 (our id shopify-1001) for Ada", or "Backorder shopify-1001-BO1 of order #1001 for Ada". */
export const emailOrderPhrase = (naming: OrderNaming): string => {
  const whose = naming.customerName ? ` for ${naming.customerName}` : '';
  if (naming.parentId) {
    return `Backorder ${naming.orderId} of order ${naming.channelOrderId ?? naming.parentId}${whose}`;
  }
  const order = naming.channelOrderId
    ? `Order ${naming.channelOrderId} (our id ${naming.orderId})`
    : `Order ${naming.orderId}`;
  return `${order}${whose}`;
};

/** Ranks of the order's own slots; the texts rank their content between them. */
const NAMING_RANK = { order: 1, backorder: 3, customer: 9 } as const;

/**
 * "Order #1001 for Ada: backorder shopify-1001-BO1" as slots: the order number, else our id, else
 * nothing; the name, else the first name, else nothing.
 */
export const orderSlots = (naming: OrderNaming, options: { withCustomer: boolean }): TextSlot[] => {
  const ourId = naming.parentId ?? naming.orderId;
  const numbers = naming.channelOrderId ? [` ${naming.channelOrderId}`, ` ${ourId}`] : [` ${ourId}`];
  const name = options.withCustomer ? naming.customerName : undefined;
  const firstName = name?.split(' ')[0];
  const names = name ? [` for ${name}`, ...(firstName !== name ? [` for ${firstName}`] : [])] : [];
  return [
    fixed('Order'),
    slot(NAMING_RANK.order, ...numbers, ''),
    slot(NAMING_RANK.customer, ...names, ''),
    ...(naming.parentId
      ? [slot(NAMING_RANK.backorder, `: backorder ${naming.orderId}`, ': a backorder')]
      : []),
  ];
};

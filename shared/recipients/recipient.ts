/**
 * A tenant's notification recipient (DESIGN §13): an email address or phone number subscribed to
 * the notification topic for some event types, optionally only for some channels or warehouses.
 * The names a tenant chooses from map to the `eventType` message attribute the notifier sets.
 */

/** Each event type a recipient may ask for, and the `eventType` attribute of its notifications. */
export const RECIPIENT_EVENT_TYPES = {
  AwaitingStock: 'Order Awaiting Stock',
  Split: 'Order Split',
  BackorderFulfilled: 'Backorder Fulfilled',
  ChangeRefused: 'Order Change Refused',
  Overdue: 'Backorder Overdue',
} as const;

export type RecipientEventType = keyof typeof RECIPIENT_EVENT_TYPES;
export const RECIPIENT_EVENT_TYPE_NAMES = Object.keys(RECIPIENT_EVENT_TYPES) as [
  RecipientEventType,
  ...RecipientEventType[],
];

export const RECIPIENT_PROTOCOLS = ['email', 'sms'] as const;
export type RecipientProtocol = (typeof RECIPIENT_PROTOCOLS)[number];

/** At most this many recipients per tenant: each is a subscription on the one shared topic. */
export const MAX_RECIPIENTS_PER_TENANT = 25;

/** `pending` until the address confirms (email); `expired` once SNS dropped it unconfirmed. */
export type RecipientState = 'pending' | 'confirmed' | 'expired';

/** What the tenant asks for. */
export interface RecipientRequest {
  protocol: RecipientProtocol;
  endpoint: string;
  eventTypes: RecipientEventType[];
  channel?: string[];
  warehouseId?: string[];
}

/** What is stored: the request, its id and the subscription it is. */
export interface Recipient extends RecipientRequest {
  recipientId: string;
  tenantId: string;
  subscriptionArn: string;
  createdAt: string;
}

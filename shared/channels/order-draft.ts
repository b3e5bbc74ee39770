import { TooLargeError } from '../domain/errors.js';
import { type IncomingOrder, incomingOrderSchema } from '../domain/inputs.js';
import { jsonBytes, LIMITS } from '../limits.js';
import type { Strategy } from '../policy/policy.js';
import type { ChannelMappingOptions } from './channel-message.js';
import { channelOrderId, isChannelName } from './order-id.js';
import { issuesOf, payloadError } from './payload.js';
import { chooseWarehouse } from './warehouse-routing.js';

/** A line as a channel describes it, before the service's rules are applied. */
export interface DraftLine {
  lineId: string;
  sku?: string | null | undefined;
  quantity: number;
  title?: string | null | undefined;
  /** Set when the channel says the line holds no stock whatever its SKU (a Shopify gift card). */
  notStockManaged?: string;
}

export interface OrderDraft {
  /** The channel's own order id, exactly as it sent it. */
  channelOrderId: string;
  createdAt: string;
  customer: Partial<Record<'id' | 'name' | 'email' | 'phone', string | null | undefined>>;
  lines: DraftLine[];
  /** The warehouse the payload names, if any; honoured only if the tenant knows it. */
  warehouseNamed?: string | undefined;
  priority?: number;
  shipBy?: string;
  /** The order's own confirmation strategy, overriding the policy's. */
  strategy?: Strategy;
  notes?: string[];
}

const MAX_TITLE = 500;
const MAX_CUSTOMER_FIELD = 320;

/**
 * Applies the rules every channel shares and checks the result against `incomingOrderSchema`, so
 * that what a mapper returns is always an order intake can take.
 */
export const draftToOrder = (
  channel: string,
  draft: OrderDraft,
  options: ChannelMappingOptions,
): IncomingOrder => {
  if (!isChannelName(channel))
    throw payloadError(channel, 'invalid-order', 'A channel name is 1 to 50 letters, digits or underscores');
  const warehouse = chooseWarehouse(options, draft.warehouseNamed);
  const lines = draft.lines.map((line) => toOrderLine(line));
  const order: IncomingOrder = {
    orderId: channelOrderId(channel, draft.channelOrderId),
    warehouseId: warehouse.warehouseId,
    channel,
    channelOrderId: draft.channelOrderId,
    customer: customerOf(draft.customer),
    createdAt: draft.createdAt,
    ...(draft.priority !== undefined ? { priority: draft.priority } : {}),
    ...(draft.shipBy !== undefined ? { shipBy: draft.shipBy } : {}),
    ...(draft.strategy !== undefined ? { policyOverride: { strategy: draft.strategy } } : {}),
    lines: lines.map(({ line }) => line),
    notes: [...(draft.notes ?? []), ...warehouse.notes, ...lines.flatMap(({ note }) => (note ? [note] : []))],
  };
  const checked = incomingOrderSchema.safeParse(order);
  if (!checked.success)
    throw payloadError(channel, 'invalid-order', 'The order cannot be taken', issuesOf(checked.error));
  // The order travels whole in its event and is repeated by the events its decisions cause.
  const bytes = jsonBytes(order);
  if (bytes > LIMITS.orderBytes) throw new TooLargeError('The order', 'orderBytes', LIMITS.orderBytes, bytes);
  return order;
};

const toOrderLine = (draft: DraftLine): { line: IncomingOrder['lines'][number]; note?: string } => {
  const sku = draft.notStockManaged ? null : skuOrNull(draft.sku);
  const title = draft.title?.trim().slice(0, MAX_TITLE);
  const line = { lineId: draft.lineId, sku, quantity: draft.quantity, ...(title ? { title } : {}) };
  if (sku !== null) return { line };
  const why = draft.notStockManaged ?? 'it has no SKU';
  return {
    line,
    note: `Line ${draft.lineId} is not stock-managed (${why}): kept on the order, never allocated.`,
  };
};

/** Channels send an empty or blank SKU for custom items; both mean "no SKU". */
const skuOrNull = (sku: string | null | undefined): string | null => {
  const trimmed = sku?.trim();
  return trimmed ? trimmed : null;
};

/** Keeps the non-blank fields only: an absent value is better than an empty string to notify. */
const customerOf = (customer: OrderDraft['customer']): IncomingOrder['customer'] => {
  const kept: Record<string, string> = {};
  for (const [field, value] of Object.entries(customer)) {
    const trimmed = value?.trim().slice(0, MAX_CUSTOMER_FIELD);
    if (trimmed) kept[field] = trimmed;
  }
  return kept;
};

/** A full name from its parts, or `undefined` when both are blank. */
export const fullName = (
  first: string | null | undefined,
  last: string | null | undefined,
): string | undefined => [first?.trim(), last?.trim()].filter(Boolean).join(' ') || undefined;

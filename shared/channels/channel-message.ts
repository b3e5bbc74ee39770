import type { IncomingOrder } from '../domain/inputs.js';
import type { HeaderMap } from './headers.js';
import type { RawBody } from './signatures.js';

/** A webhook as the handler received it; the body is the raw bytes or text, never re-serialised. */
export interface WebhookRequest {
  headers: HeaderMap | undefined;
  body: RawBody;
}

/** What a channel said about one of its orders, in domain terms. */
export interface ChannelOrderMessage {
  /** `received` → Order Received, `updated` → Order Updated, `cancelled` → Order Cancelled. */
  kind: 'received' | 'updated' | 'cancelled';
  /** Valid for `incomingOrderSchema`; on `updated` its lines are the channel's full current list. */
  order: IncomingOrder;
  /**
   * Identifies this delivery, so that a repeat changes nothing: the platform's delivery header
   * when it sends one, otherwise a digest of the body (a retry sends the same bytes).
   */
  deliveryId: string;
  /** Why the channel cancelled, when it says (Shopify's `cancel_reason`). */
  cancelReason?: string;
  /**
   * The channel's own version of the order (ISO UTC): Shopify `updated_at`, WooCommerce
   * `date_modified_gmt`, the generic format's `updatedAt`. An older change than one kept is stale.
   */
  version?: string;
}

/**
 * Where an order goes. The tenant's routing (channel policy, else tenant default) decides the
 * warehouse; a payload may pick another only if it names one the tenant knows (DESIGN §7).
 */
export interface WarehouseRouting {
  /** The warehouse routing chose for this channel. */
  warehouseId: string;
  /** Warehouses a payload may name; without it, payload hints are ignored. */
  knownWarehouses?: readonly string[];
  /**
   * The payload attribute that may name a warehouse: a Shopify note attribute or a WooCommerce
   * order meta key. Default `warehouse`. (The generic format has a `warehouseId` field instead.)
   */
  warehouseFromPayload?: string;
}

/** The caller's settings for one mapping. */
export interface ChannelMappingOptions extends WarehouseRouting {
  /** The channel name recorded on the order and in its id; defaults per mapper. */
  channel?: string;
}

export type {
  ChannelMappingOptions,
  ChannelOrderMessage,
  WarehouseRouting,
  WebhookRequest,
} from './channel-message.js';
export { type GenericOrder, genericOrderSchema, mapGenericOrder } from './generic.js';
export { type HeaderMap, headerValue } from './headers.js';
export { channelOrderId } from './order-id.js';
export type { PayloadIssue, PayloadProblem } from './payload.js';
export { mapShopifyWebhook } from './shopify.js';
export {
  type RawBody,
  SIGNATURE_SCHEMES,
  type SignatureScheme,
  type SignatureVerdict,
  signWebhookBody,
  verifyWebhookSignature,
} from './signatures.js';
export { mapWooCommerceWebhook, type WooCommercePing, wooCommercePing } from './woocommerce.js';

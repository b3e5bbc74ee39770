import * as z from 'zod/mini';
import { genericOrderSchema } from '../../channels/generic.js';
import { shopifyOrderSchema } from '../../channels/shopify.js';
import { wooCommerceOrderSchema } from '../../channels/woocommerce.js';
import { described } from '../../zod-mini.js';
import { orderPath } from '../order-schemas.js';
import { adjustmentBody, dispatchBody, inboundBody, receiptBody } from '../warehouse-schemas.js';
import { IDEMPOTENCY_KEY, type OperationSpec, type OperationsOf } from './operation-spec.js';

const tenantPath = z.object({
  tenantId: described(z.string().check(z.minLength(1)), 'The tenant the webhook is for.'),
});

const SIGNATURE = 'Base64 HMAC-SHA256 of the raw body with the tenant’s secret for this channel.';

const warehouseOk = { description: 'What changed.', schemas: ['WarehouseResult' as const] };

/** The warehouse routes' schemas. */
export const WAREHOUSE_OPERATIONS: OperationsOf<'warehouse-api'> = {
  receiveStock: {
    tags: ['Warehouse'],
    headers: [IDEMPOTENCY_KEY],
    body: { schema: receiptBody, required: true },
    ok: warehouseOk,
    refusals: [409, 503],
  },
  adjustStock: {
    tags: ['Warehouse'],
    headers: [IDEMPOTENCY_KEY],
    body: { schema: adjustmentBody, required: true },
    ok: warehouseOk,
    refusals: [409, 503],
  },
  expectInbound: {
    tags: ['Warehouse'],
    body: { schema: inboundBody, required: true },
    ok: warehouseOk,
  },
  startFulfilment: {
    tags: ['Warehouse'],
    path: orderPath,
    headers: [IDEMPOTENCY_KEY],
    ok: warehouseOk,
    refusals: [404, 409, 503],
  },
  dispatchOrder: {
    tags: ['Warehouse'],
    path: orderPath,
    headers: [IDEMPOTENCY_KEY],
    body: { schema: dispatchBody, required: false },
    ok: warehouseOk,
    refusals: [404, 409, 503],
  },
};

const webhook = (body: z.ZodMiniType, headers: OperationSpec['headers']): OperationSpec => ({
  tags: ['Webhooks'],
  description: 'Authenticated by its signature alone; a bad signature is answered 401 and writes nothing.',
  path: tenantPath,
  headers,
  body: { schema: body, required: true },
  ok: { description: 'Accepted, or a repeated delivery that changed nothing.', schemas: ['WebhookResult'] },
});

/** The channel webhooks' schemas and signature headers. */
export const WEBHOOK_OPERATIONS: OperationsOf<'webhooks'> = {
  shopifyWebhook: webhook(shopifyOrderSchema, [
    { name: 'X-Shopify-Hmac-Sha256', required: true, description: SIGNATURE },
    {
      name: 'X-Shopify-Topic',
      required: true,
      description: 'What happened.',
      schema: { type: 'string', enum: ['orders/create', 'orders/updated', 'orders/cancelled'] },
    },
    { name: 'X-Shopify-Webhook-Id', required: false, description: 'A repeated delivery id changes nothing.' },
  ]),
  wooCommerceWebhook: webhook(wooCommerceOrderSchema, [
    { name: 'X-WC-Webhook-Signature', required: true, description: SIGNATURE },
    {
      name: 'X-WC-Webhook-Topic',
      required: true,
      description: 'What happened; the unsigned creation ping (`webhook_id=<id>`) is answered 200.',
      schema: { type: 'string', enum: ['order.created', 'order.updated'] },
    },
  ]),
  genericOrderWebhook: webhook(genericOrderSchema, [
    { name: 'X-Signature', required: true, description: SIGNATURE },
    {
      ...IDEMPOTENCY_KEY,
      description: 'Names the delivery; without it a repeat is known by its identical body.',
    },
  ]),
};

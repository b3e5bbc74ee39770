import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  SIGNATURE_SCHEMES,
  type SignatureScheme,
  signWebhookBody,
} from '../../shared/channels/signatures.js';
import type { Tenant, WebhookChannel } from '../../shared/domain/tenant.js';
import { httpEvent } from './http-events.js';

export const SCHEME_OF: Readonly<Record<WebhookChannel, SignatureScheme>> = {
  shopify: 'shopify',
  woocommerce: 'woocommerce',
  orders: 'generic',
};

/** The header that carries each channel's signature. */
export const signatureHeaderOf = (channel: WebhookChannel): string =>
  SIGNATURE_SCHEMES[SCHEME_OF[channel]].header;

/**
 * A tenant with a secret per channel, shaped like the platforms': the WooCommerce one holds an
 * HTML entity, as WordPress may store it, so the signing key is the decoded secret.
 */
export const webhookTenant = (tenantId: string, overrides: Partial<Tenant> = {}): Tenant => ({
  tenantId,
  defaultWarehouseId: 'main',
  warehouses: ['main'],
  channelWarehouses: {},
  webhookSecrets: {
    shopify: `shpss_${tenantId}_9f86d081884c7d65`,
    woocommerce: `wc_${tenantId}_R&amp;D`,
    orders: `orders_${tenantId}_4e07408562bed`,
  },
  createdAt: '2026-01-05T08:00:00.000Z',
  ...overrides,
});

/** What each platform sends beside the body and signature (a Shopify delivery id is added per call). */
export const CHANNEL_HEADERS: Readonly<Record<WebhookChannel, Readonly<Record<string, string>>>> = {
  shopify: {
    'Content-Type': 'application/json',
    'X-Shopify-Topic': 'orders/create',
    'X-Shopify-Shop-Domain': 'backorder-test.myshopify.com',
    'X-Shopify-API-Version': '2024-01',
  },
  woocommerce: {
    'Content-Type': 'application/json',
    'X-WC-Webhook-Topic': 'order.created',
    'X-WC-Webhook-Resource': 'order',
    'X-WC-Webhook-Event': 'created',
    'X-WC-Webhook-Source': 'http://example.com/',
  },
  orders: { 'Content-Type': 'application/json' },
};

export type Body = string | Uint8Array;

/**
 * A webhook as API Gateway (HTTP API, payload 2.0) hands it to the handler, with exactly these
 * headers: a body that is not text arrives base64-encoded, as the gateway sends binary bodies.
 */
export const webhookEvent = (
  tenantId: string,
  channel: WebhookChannel,
  body: Body,
  headers: Record<string, string>,
): APIGatewayProxyEventV2 => {
  const path = `/webhooks/${encodeURIComponent(tenantId)}/${channel}`;
  const event = httpEvent('POST', path, {
    headers,
    pathParameters: { tenantId },
    routeKey: `POST /webhooks/{tenantId}/${channel}`,
    ...(typeof body === 'string' ? { body } : {}),
  });
  return typeof body === 'string'
    ? event
    : { ...event, body: Buffer.from(body).toString('base64'), isBase64Encoded: true };
};

/**
 * A webhook signed the way its platform signs it, with the platform's headers; `headers` adds to
 * or replaces them (a repeated delivery passes the same Shopify webhook id).
 */
export const signedWebhook = (
  tenant: Tenant,
  channel: WebhookChannel,
  body: Body,
  headers: Record<string, string> = {},
): APIGatewayProxyEventV2 =>
  webhookEvent(tenant.tenantId, channel, body, {
    ...CHANNEL_HEADERS[channel],
    ...(channel === 'shopify' ? { 'X-Shopify-Webhook-Id': randomUUID() } : {}),
    [signatureHeaderOf(channel)]: signWebhookBody(
      SCHEME_OF[channel],
      tenant.webhookSecrets[channel] ?? '',
      body,
    ),
    ...headers,
  });

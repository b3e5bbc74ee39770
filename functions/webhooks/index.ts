import httpRouterHandler from '@middy/http-router';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type {
  ChannelMappingOptions,
  ChannelOrderMessage,
  WebhookRequest,
} from '../../shared/channels/channel-message.js';
import { mapGenericOrder } from '../../shared/channels/generic.js';
import { mapShopifyWebhook } from '../../shared/channels/shopify.js';
import { type SignatureScheme, verifyWebhookSignature } from '../../shared/channels/signatures.js';
import { mapWooCommerceWebhook, wooCommercePing } from '../../shared/channels/woocommerce.js';
import { type Tenant, type WebhookChannel, warehouseFor } from '../../shared/domain/tenant.js';
import { deployedAdapters, type Wiring } from '../../shared/runtime/adapters.js';
import { deployedHandler } from '../../shared/runtime/deployed-handler.js';
import { HttpError, httpErrors, jsonResponse } from '../../shared/runtime/http-errors.js';
import { pathParameter, rawBody } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import { logger, metrics, observed } from '../../shared/runtime/observability.js';
import { acceptWebhook } from '../../shared/use-cases/accept-webhook.js';
import { tenantIdSchema } from '../../shared/use-cases/tenants/tenant-settings.js';

interface ChannelEndpoint {
  scheme: SignatureScheme;
  map: (request: WebhookRequest, options: ChannelMappingOptions) => ChannelOrderMessage | { kind: 'ping' };
}

const ENDPOINTS: Record<WebhookChannel, ChannelEndpoint> = {
  shopify: { scheme: 'shopify', map: mapShopifyWebhook },
  woocommerce: { scheme: 'woocommerce', map: mapWooCommerceWebhook },
  orders: { scheme: 'generic', map: mapGenericOrder },
};

const WEBHOOK_METRIC = {
  accepted: 'WebhooksAccepted',
  duplicate: 'WebhookRepeats',
  stale: 'WebhooksStale',
} as const;

/** Every signature failure looks the same from outside, so it tells an attacker nothing. */
const unauthorized = () => new HttpError(401, 'INVALID_SIGNATURE', 'The webhook signature is not valid');

const handleWebhook = async (
  wiring: () => Wiring,
  event: APIGatewayProxyEventV2,
  channel: WebhookChannel,
) => {
  const tenantId = pathParameter(event, 'tenantId');
  const endpoint = ENDPOINTS[channel];
  const body = rawBody(event);
  // WooCommerce sends its creation ping unsigned and removes the webhook unless it gets a 200.
  if (channel === 'woocommerce' && wooCommercePing(body)) return jsonResponse(200, { status: 'ping' });

  // An id no tenant can have is not looked up (a long one would not even fit in a key).
  const tenant: Tenant | undefined = tenantIdSchema.safeParse(tenantId).success
    ? await wiring().directory.getTenant(tenantId)
    : undefined;
  const secret = tenant?.webhookSecrets[channel] ?? '';
  const verdict = verifyWebhookSignature({ scheme: endpoint.scheme, secret, headers: event.headers, body });
  if (!tenant || !verdict.valid) {
    // Without a tenant the secret is empty, so the verdict alone would blame a missing secret.
    const reason = tenant && !verdict.valid ? verdict.reason : 'unknown-tenant';
    logger.warn('Webhook refused', { channel, reason });
    metrics.addMetric('WebhooksRefused', 'Count', 1);
    throw unauthorized();
  }

  const message = endpoint.map(
    { headers: event.headers, body },
    { channel, warehouseId: warehouseFor(tenant, channel), knownWarehouses: tenant.warehouses },
  );
  if (message.kind === 'ping') return jsonResponse(200, { status: 'ping' });
  const outcome = await acceptWebhook(wiring().webhooks, tenantId, message);
  logger.info('Webhook accepted', {
    channel,
    orderId: outcome.orderId,
    outcome: outcome.kind,
    published: outcome.published,
  });
  metrics.addMetric(WEBHOOK_METRIC[outcome.kind], 'Count', 1);
  return jsonResponse(200, { status: outcome.kind, orderId: outcome.orderId });
};

/** The webhook routes, also read by the route-list check. */
export const webhookRoutes = (wiring: () => Wiring): HttpRoute[] =>
  (['shopify', 'woocommerce', 'orders'] as const).map((channel) =>
    route('POST', `/webhooks/{tenantId}/${channel}`, (event) => handleWebhook(wiring, event, channel)),
  );

/** Channel webhooks (DESIGN §7), authenticated by their signature alone. */
export const makeHandler = (wiring: () => Wiring) =>
  observed(httpRouterHandler(webhookRoutes(wiring))).use(httpErrors());

export const handler = deployedHandler(deployedAdapters, makeHandler);

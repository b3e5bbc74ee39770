/**
 * A client of the service's HTTP API as a channel, the warehouse and an operator use it: webhooks
 * signed with the tenant's secrets over the exact bytes sent, and the operator and warehouse
 * routes with the tenant's API key. Nothing here reaches past HTTP.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { orderDetailView, stockView } from '../../../shared/api/response-schemas.js';
import { SIGNATURE_SCHEMES, signWebhookBody } from '../../../shared/channels/signatures.js';
import type { OrderStatus } from '../../../shared/domain/order.js';
import type { TenantWithCredentials } from '../../../shared/use-cases/tenants/ensure-tenant.js';

export type OrderDetail = z.output<typeof orderDetailView>;
export type StockLevels = z.output<typeof stockView>;

export interface Reply {
  /** `METHOD /path`, for the timeline. */
  readonly request: string;
  readonly status: number;
  /** The JSON body, or the text when it is not JSON. */
  readonly body: unknown;
}

export type ShopifyTopic = 'orders/create' | 'orders/updated' | 'orders/cancelled';
export type WooCommerceTopic = 'order.created' | 'order.updated';

/** How long a read-back waits for the asynchronous work (bus, queue, allocator) to settle. */
const SETTLE_TIMEOUT_MS = 20_000;
const POLL_INTERVAL_MS = 100;

/** True when anything answers HTTP at `baseUrl` (the service serves its API description unauthenticated). */
export async function serviceAnswers(baseUrl: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/openapi.json`, { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

export class ServiceClient {
  constructor(
    readonly baseUrl: string,
    readonly tenant: TenantWithCredentials,
  ) {}

  /** A Shopify webhook: `X-Shopify-Webhook-Id` is the delivery, so resending it is a repeat. */
  shopify(topic: ShopifyTopic, payload: object, webhookId: string): Promise<Reply> {
    const body = JSON.stringify(payload);
    return this.send('POST', `/webhooks/${this.tenant.tenantId}/shopify`, body, {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-webhook-id': webhookId,
      'x-shopify-shop-domain': 'demo-store.myshopify.com',
      'x-shopify-api-version': '2024-01',
      [SIGNATURE_SCHEMES.shopify.header]: signWebhookBody(
        'shopify',
        this.tenant.webhookSecrets.shopify,
        body,
      ),
    });
  }

  /** A WooCommerce webhook (the body is the REST v3 order, as WooCommerce sends it). */
  wooCommerce(topic: WooCommerceTopic, payload: object): Promise<Reply> {
    const body = JSON.stringify(payload);
    const [resource, event] = topic.split('.') as [string, string];
    return this.send('POST', `/webhooks/${this.tenant.tenantId}/woocommerce`, body, {
      'content-type': 'application/json',
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': resource,
      'x-wc-webhook-event': event,
      'x-wc-webhook-source': 'https://demo-store.example/',
      [SIGNATURE_SCHEMES.woocommerce.header]: signWebhookBody(
        'woocommerce',
        this.tenant.webhookSecrets.woocommerce,
        body,
      ),
    });
  }

  /** An operator or warehouse call with the tenant's API key (and an Idempotency-Key, when given). */
  api(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<Reply> {
    return this.send(method, path, body === undefined ? undefined : JSON.stringify(body), {
      authorization: `Bearer ${this.tenant.apiKey}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    });
  }

  /** `POST /_local/sweep`: the local runtime's way to run the scheduled sweep now. */
  sweep(): Promise<Reply> {
    return this.send('POST', '/_local/sweep', undefined, {});
  }

  /** The order as the operator API shows it, or undefined while it does not exist (404). */
  async order(orderId: string): Promise<OrderDetail | undefined> {
    const reply = await this.api('GET', `/orders/${encodeURIComponent(orderId)}`);
    if (reply.status === 404) return undefined;
    if (reply.status !== 200)
      throw new Error(`${reply.request} answered ${reply.status}: ${text(reply.body)}`);
    return reply.body as OrderDetail;
  }

  async stock(sku: string): Promise<StockLevels> {
    const reply = await this.api('GET', `/stock?sku=${encodeURIComponent(sku)}`);
    if (reply.status !== 200)
      throw new Error(`${reply.request} answered ${reply.status}: ${text(reply.body)}`);
    return reply.body as StockLevels;
  }

  /**
   * Reads the order until `settled` holds (events are handled asynchronously after a webhook or
   * an act answers); returns the last read either way, so the caller can say what it saw instead.
   */
  async orderWhen(
    orderId: string,
    settled: (detail: OrderDetail) => boolean,
    timeoutMs = SETTLE_TIMEOUT_MS,
  ): Promise<{ detail: OrderDetail | undefined; settled: boolean }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const detail = await this.order(orderId);
      if (detail && settled(detail)) return { detail, settled: true };
      if (Date.now() >= deadline) return { detail, settled: false };
      await sleep(POLL_INTERVAL_MS);
    }
  }

  private async send(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<Reply> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(30_000),
    });
    const raw = await response.text();
    let parsed: unknown = raw;
    try {
      parsed = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      // Not JSON: keep the text.
    }
    return { request: `${method} ${path}`, status: response.status, body: parsed };
  }
}

/** A body for a message, on one line: JSON as is, other text with its whitespace collapsed. */
export const text = (body: unknown): string =>
  typeof body === 'string' ? body.replace(/\s+/g, ' ').trim() : JSON.stringify(body);

export const hasStatus =
  (status: OrderStatus) =>
  (detail: OrderDetail): boolean =>
    detail.order.status === status;

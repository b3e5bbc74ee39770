/**
 * The requests a scenario sends, as API Gateway hands them to the functions: signed webhooks of
 * the generic channel, warehouse calls and a person's acts, with the authorizer's context.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpEvent } from '../support/http-events.js';
import { signedWebhook, webhookTenant } from '../support/webhook-requests.js';
import type { HttpFunction } from './processes.js';

export const TENANT = 'faults';
export const tenant = webhookTenant(TENANT);
const CREATED_AT = '2026-12-05T08:00:00Z';

export interface Request {
  readonly fn: HttpFunction;
  readonly event: APIGatewayProxyEventV2;
}

type Lines = ReadonlyArray<readonly [sku: string, quantity: number]>;

export const order = (id: string, lines: Lines): Request => ({
  fn: 'webhooks',
  event: signedWebhook(
    tenant,
    'orders',
    JSON.stringify({
      type: 'order.created',
      orderId: id,
      createdAt: CREATED_AT,
      customer: { name: 'Fault Campaign', email: `${id}@example.com` },
      lines: lines.map(([sku, quantity], index) => ({ lineId: String(index + 1), sku, quantity })),
    }),
  ),
});

/** The channel cancels its order (a change, so it carries its own version). */
export const channelCancel = (id: string, lines: Lines): Request => ({
  fn: 'webhooks',
  event: signedWebhook(
    tenant,
    'orders',
    JSON.stringify({
      type: 'order.cancelled',
      orderId: id,
      createdAt: CREATED_AT,
      updatedAt: '2026-12-05T10:00:00Z',
      lines: lines.map(([sku, quantity], index) => ({ lineId: String(index + 1), sku, quantity })),
    }),
  ),
});

const authorized = (event: APIGatewayProxyEventV2, principal: string): APIGatewayProxyEventV2 => {
  (event.requestContext as { authorizer?: unknown }).authorizer = { lambda: { tenantId: TENANT, principal } };
  return event;
};

const warehouse = (path: string, routeKey: string, body: unknown, headers: Record<string, string> = {}) =>
  authorized(
    httpEvent('POST', path, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
      routeKey,
    }),
    'api-key:warehouse',
  );

export const receipt = (receiptId: string, lines: Lines): Request => ({
  fn: 'warehouse',
  event: warehouse('/stock/receipts', 'POST /stock/receipts', {
    receiptId,
    warehouseId: 'main',
    lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
  }),
});

export const adjustment = (adjustmentId: string, lines: Lines): Request => ({
  fn: 'warehouse',
  event: warehouse('/stock/adjustments', 'POST /stock/adjustments', {
    adjustmentId,
    warehouseId: 'main',
    reason: 'count',
    lines: lines.map(([sku, delta]) => ({ sku, delta })),
  }),
});

export const fulfilment = (id: string, step: 'fulfilment-started' | 'dispatched'): Request => ({
  fn: 'warehouse',
  event: warehouse(
    `/orders/orders-${id}/${step}`,
    `POST /orders/{orderId}/${step}`,
    step === 'dispatched' ? {} : undefined,
    { 'idempotency-key': `${step}-${id}` },
  ),
});

/** A person's act on an order; `key` is the Idempotency-Key the console sends. */
export const act = (id: string, name: string, body: Record<string, unknown>, key?: string): Request => ({
  fn: 'operator',
  event: authorized(
    httpEvent('POST', `/orders/orders-${id}/${name}`, {
      body: JSON.stringify({ reason: `campaign ${name}`, ...body }),
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      routeKey: `POST /orders/{orderId}/${name}`,
    }),
    'ops@example.com',
  ),
});

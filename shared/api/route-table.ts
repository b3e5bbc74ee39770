/**
 * Every HTTP route the service serves, and which function serves it: the CDK stack defines
 * exactly these routes, and the tests check each handler's router against this list.
 */
export type RouteAuth = 'apiKey' | 'signature' | 'none';

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  function: 'webhooks' | 'warehouse-api' | 'operator-api';
  auth: RouteAuth;
}

const webhook = (channel: string): ApiRoute => ({
  method: 'POST',
  path: `/webhooks/{tenantId}/${channel}`,
  function: 'webhooks',
  auth: 'signature',
});
const warehouse = (method: ApiRoute['method'], path: string): ApiRoute => ({
  method,
  path,
  function: 'warehouse-api',
  auth: 'apiKey',
});
const operator = (method: ApiRoute['method'], path: string): ApiRoute => ({
  method,
  path,
  function: 'operator-api',
  auth: 'apiKey',
});

export const API_ROUTES: readonly ApiRoute[] = [
  webhook('shopify'),
  webhook('woocommerce'),
  webhook('orders'),
  warehouse('POST', '/stock/receipts'),
  warehouse('POST', '/stock/adjustments'),
  warehouse('POST', '/inbound'),
  warehouse('POST', '/orders/{orderId}/fulfilment-started'),
  warehouse('POST', '/orders/{orderId}/dispatched'),
  operator('GET', '/orders'),
  operator('GET', '/orders/{orderId}'),
  ...['allocate', 'release', 'hold', 'unhold', 'split', 'cancel'].map((act) =>
    operator('POST', `/orders/{orderId}/${act}`),
  ),
  operator('GET', '/stock'),
  operator('GET', '/inbound'),
  operator('GET', '/policies'),
  operator('PUT', '/policies'),
  operator('PUT', '/policies/channels/{channel}'),
  operator('PUT', '/policies/skus/{sku}'),
  { method: 'GET', path: '/openapi.json', function: 'operator-api', auth: 'none' },
];

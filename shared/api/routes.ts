/**
 * Every route the service serves, in one list: the CDK stack defines exactly these routes, the
 * OpenAPI document describes exactly these, and tests hold each handler's router to them. Plain
 * data, so that importing it costs a handler or the stack nothing.
 */

export type ApiFunction = 'operator-api' | 'warehouse-api' | 'webhooks';

export interface ApiRoute {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** In the gateway's syntax: `{name}` is a path parameter. */
  path: string;
  /** The Lambda function that serves it. */
  function: ApiFunction;
  /**
   * `apiKey`: the bearer key's authorizer resolves the tenant; `signature`: the handler checks the
   * body's signature; `none`: public (the API description holds no tenant's data).
   */
  auth: 'apiKey' | 'signature' | 'none';
  summary: string;
}

export const ORDER_ACTS = ['allocate', 'release', 'hold', 'unhold', 'split', 'cancel', 'strategy'] as const;
export type OrderActName = (typeof ORDER_ACTS)[number];

const operator = <const Id extends string>(
  operationId: Id,
  method: ApiRoute['method'],
  path: string,
  summary: string,
) => ({ operationId, method, path, function: 'operator-api', auth: 'apiKey', summary }) as const;
const warehouse = <const Id extends string>(operationId: Id, path: string, summary: string) =>
  ({ operationId, method: 'POST', path, function: 'warehouse-api', auth: 'apiKey', summary }) as const;
const webhook = <const Id extends string>(operationId: Id, channel: string, summary: string) =>
  ({
    operationId,
    method: 'POST',
    path: `/webhooks/{tenantId}/${channel}`,
    function: 'webhooks',
    auth: 'signature',
    summary,
  }) as const;

export const API_ROUTES = [
  operator('listOrders', 'GET', '/orders', 'List orders: Awaiting Stock by default; the manual-review queue'),
  operator('getOrder', 'GET', '/orders/{orderId}', 'An order: lines, allocations, split family and history'),
  operator('allocateOrder', 'POST', '/orders/{orderId}/allocate', 'Allocate available stock by hand'),
  operator('releaseOrder', 'POST', '/orders/{orderId}/release', "Release an order's allocations"),
  operator('holdOrder', 'POST', '/orders/{orderId}/hold', 'Hold an order'),
  operator('unholdOrder', 'POST', '/orders/{orderId}/unhold', 'Release the hold on an order'),
  operator('splitOrder', 'POST', '/orders/{orderId}/split', 'Split a short order: ship what it holds'),
  operator('cancelOrder', 'POST', '/orders/{orderId}/cancel', 'Cancel an order'),
  operator('setOrderStrategy', 'POST', '/orders/{orderId}/strategy', "Set an order's confirmation strategy"),
  operator('actOnOrders', 'POST', '/orders/acts', 'One act on a selection of orders, each on its own'),
  operator('getSummary', 'GET', '/summary', 'Counts for the console: waiting, short, fillable, ready'),
  operator('getStock', 'GET', '/stock', "A SKU's stock level in each warehouse"),
  operator('listInbound', 'GET', '/inbound', 'Expected supply of a SKU'),
  operator('getPolicies', 'GET', '/policies', "The tenant's policy layers"),
  operator('putTenantPolicy', 'PUT', '/policies', 'Replace the tenant policy layer'),
  operator('putChannelPolicy', 'PUT', '/policies/channels/{channel}', "Replace a channel's policy layer"),
  operator('putSkuPolicy', 'PUT', '/policies/skus/{sku}', "Replace a SKU's policy layer"),
  operator('getKit', 'GET', '/kits/{sku}', "A kit's components"),
  operator('putKit', 'PUT', '/kits/{sku}', 'Make a SKU a kit of components, or replace them'),
  operator('listRecipients', 'GET', '/notifications/recipients', "The tenant's notification recipients"),
  operator('addRecipient', 'POST', '/notifications/recipients', 'Add an email or SMS notification recipient'),
  operator(
    'removeRecipient',
    'DELETE',
    '/notifications/recipients/{recipientId}',
    'Remove a notification recipient',
  ),
  {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    function: 'operator-api',
    auth: 'none',
    summary: 'This description of the API (OpenAPI 3.1)',
  },
  warehouse('receiveStock', '/stock/receipts', 'Stock received'),
  warehouse('adjustStock', '/stock/adjustments', 'Stock adjusted up or down'),
  warehouse('expectInbound', '/inbound', 'Expected supply with an ETA'),
  warehouse('startFulfilment', '/orders/{orderId}/fulfilment-started', 'The warehouse started picking'),
  warehouse('dispatchOrder', '/orders/{orderId}/dispatched', 'The order shipped'),
  webhook('shopifyWebhook', 'shopify', 'Shopify order webhook'),
  webhook('wooCommerceWebhook', 'woocommerce', 'WooCommerce order webhook'),
  webhook('genericOrderWebhook', 'orders', 'Order in the generic JSON format'),
] as const satisfies readonly ApiRoute[];

export type OperationId = (typeof API_ROUTES)[number]['operationId'];
export type OperationIdOf<F extends ApiFunction> = Extract<
  (typeof API_ROUTES)[number],
  { function: F }
>['operationId'];

/** `METHOD /path`, as the gateway names a route. */
export const routeKey = (route: Pick<ApiRoute, 'method' | 'path'>): string => `${route.method} ${route.path}`;

export const routesOf = (fn: ApiFunction): ApiRoute[] => API_ROUTES.filter((route) => route.function === fn);

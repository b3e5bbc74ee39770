import { operatorRoutes } from '../../../functions/operator-api/index.js';
import { warehouseRoutes } from '../../../functions/warehouse-api/index.js';
import { webhookRoutes } from '../../../functions/webhooks/index.js';
import { API_ROUTES as TABLE_ROUTES } from '../../../shared/api/route-table.js';
import { API_ROUTES, type ApiFunction, routeKey, routesOf } from '../../../shared/api/routes.js';
import type { Wiring } from '../../../shared/runtime/adapters.js';
import type { HttpRoute } from '../../../shared/runtime/http-route.js';

// Listing routes wires nothing: handlers ask for their adapters only when they run.
const unwired = (): Wiring => {
  throw new Error('not wired');
};

const ROUTERS: Record<ApiFunction, HttpRoute[]> = {
  'operator-api': operatorRoutes(unwired),
  'warehouse-api': warehouseRoutes(unwired),
  webhooks: webhookRoutes(unwired),
};

it.each(Object.entries(ROUTERS))(
  'the %s handler serves exactly its routes of the route list',
  (fn, routes) => {
    expect(routes.map((route) => `${route.method} ${route.path}`).sort()).toEqual(
      routesOf(fn as ApiFunction)
        .map(routeKey)
        .sort(),
    );
  },
);

it('names each route once', () => {
  expect(new Set(API_ROUTES.map(routeKey)).size).toBe(API_ROUTES.length);
  expect(new Set(API_ROUTES.map((route) => route.operationId)).size).toBe(API_ROUTES.length);
});

it('asks for the API key everywhere but the signed webhooks and the public API description', () => {
  for (const route of API_ROUTES) {
    const expected =
      route.function === 'webhooks' ? 'signature' : route.path === '/openapi.json' ? 'none' : 'apiKey';
    expect([route.operationId, route.auth]).toEqual([route.operationId, expected]);
  }
});

it('is the list the stack and the local runtime import', () => {
  expect(TABLE_ROUTES).toBe(API_ROUTES);
});

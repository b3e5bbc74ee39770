import httpRouterHandler from '@middy/http-router';
import { noQuery } from '../../shared/api/query-params.js';
import { deployedAdapters, type Wiring } from '../../shared/runtime/adapters.js';
import { deployedHandler } from '../../shared/runtime/deployed-handler.js';
import { httpErrors, JSON_HEADERS } from '../../shared/runtime/http-errors.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import { observed } from '../../shared/runtime/observability.js';
import { actRoutes } from './act-routes.js';
import { consoleRoutes } from './console-routes.js';
import { kitRoutes } from './kit-routes.js';
import { operatorPorts } from './operator-ports.js';
import { parseQuery } from './operator-request.js';
import { orderRoutes } from './order-routes.js';
import { policyRoutes } from './policy-routes.js';
import { recipientRoutes } from './recipient-routes.js';
import { stockRoutes } from './stock-routes.js';

let openApiJson: string | undefined;

const servedDocument = async (): Promise<string> => {
  const [{ unpackDocument }, { PACKED_OPENAPI_DOCUMENT }] = await Promise.all([
    import('../../shared/api/openapi/document-packing.js'),
    import('../../shared/api/openapi/packed-document.js'),
  ]);
  return unpackDocument(PACKED_OPENAPI_DOCUMENT);
};

/** The operator's routes, also read by the route-list check. */
export const operatorRoutes = (wiring: () => Wiring): HttpRoute[] => {
  const ports = operatorPorts(wiring);
  return [
    ...orderRoutes(ports),
    ...actRoutes(ports),
    ...consoleRoutes(ports),
    ...stockRoutes(ports),
    ...policyRoutes(ports),
    ...kitRoutes(ports),
    ...recipientRoutes(ports),
    route('GET', '/openapi.json', async (event) => {
      // Public: the description holds no tenant's data, and tools fetch it without a key.
      parseQuery(noQuery, event);
      // Built ahead of time (`npm run openapi`) and unpacked on first use: building it here would
      // bundle zod's JSON Schema converter and every channel's payload schema for a rare route.
      openApiJson ??= await servedDocument();
      return { statusCode: 200, headers: { ...JSON_HEADERS }, body: openApiJson };
    }),
  ];
};

/**
 * The operator API (DESIGN §7): the Awaiting Stock list and manual-review queue, one order in full,
 * a person's acts on an order (each with a dry run), stock and inbound views, policies, and notification recipients. The
 * tenant always comes from the authorizer; another tenant's order is simply not found.
 */
export const makeHandler = (wiring: () => Wiring) =>
  observed(httpRouterHandler(operatorRoutes(wiring))).use(httpErrors());

export const handler = deployedHandler(deployedAdapters, makeHandler);

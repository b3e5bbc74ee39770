import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { channelPath, policyLayerBody, skuPath } from '../../shared/api/policy-schemas.js';
import { noQuery } from '../../shared/api/query-params.js';
import { parseInput } from '../../shared/domain/inputs.js';
import { SERVICE_DEFAULTS } from '../../shared/policy/policy.js';
import type { StoredPolicies } from '../../shared/ports/policy-store.js';
import { jsonResponse } from '../../shared/runtime/http-errors.js';
import { authorizedPrincipal, authorizedTenant, jsonBody } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import { type PolicyScope, setPolicyLayer } from '../../shared/use-cases/set-policy-layer.js';
import type { OperatorPorts } from './operator-ports.js';
import { parsePath, parseQuery } from './operator-request.js';

const policiesResponse = (stored: StoredPolicies) =>
  jsonResponse(200, { defaults: SERVICE_DEFAULTS, config: stored.config, version: stored.version });

/** Tenant, channel and SKU policy layers (DESIGN §3); each PUT replaces one layer. */
export const policyRoutes = (ports: () => OperatorPorts): HttpRoute[] => {
  const putLayer =
    (scopeOf: (event: APIGatewayProxyEventV2) => PolicyScope) => async (event: APIGatewayProxyEventV2) => {
      const tenantId = authorizedTenant(event);
      parseQuery(noQuery, event);
      const layer = parseInput(policyLayerBody, jsonBody(event), 'policy layer');
      const scope = scopeOf(event);
      const stored = await setPolicyLayer(
        { policies: ports().policies, clock: ports().allocation.clock },
        tenantId,
        {
          scope,
          layer,
          by: { kind: 'person', id: authorizedPrincipal(event) },
        },
      );
      return policiesResponse(stored);
    };
  return [
    route('GET', '/policies', async (event) => {
      const tenantId = authorizedTenant(event);
      parseQuery(noQuery, event);
      return policiesResponse(await ports().policies.readPolicies(tenantId));
    }),
    route(
      'PUT',
      '/policies',
      putLayer(() => ({ level: 'tenant' })),
    ),
    route(
      'PUT',
      '/policies/channels/{channel}',
      putLayer((event) => ({ level: 'channel', channel: parsePath(channelPath, event).channel })),
    ),
    route(
      'PUT',
      '/policies/skus/{sku}',
      putLayer((event) => ({ level: 'sku', sku: parsePath(skuPath, event).sku })),
    ),
  ];
};

import { skuPath } from '../../shared/api/policy-schemas.js';
import { noQuery } from '../../shared/api/query-params.js';
import { parseInput } from '../../shared/domain/inputs.js';
import { kitBodySchema } from '../../shared/domain/kit.js';
import { jsonResponse } from '../../shared/runtime/http-errors.js';
import { authorizedPrincipal, authorizedTenant, jsonBody } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import { defineKit, readKit } from '../../shared/use-cases/define-kit.js';
import type { OperatorPorts } from './operator-ports.js';
import { parsePath, parseQuery } from './operator-request.js';

/** `GET/PUT /kits/{sku}` (DESIGN §14): what a kit is made of. */
export const kitRoutes = (ports: () => OperatorPorts): HttpRoute[] => [
  route('GET', '/kits/{sku}', async (event) => {
    const tenantId = authorizedTenant(event);
    parseQuery(noQuery, event);
    const { sku } = parsePath(skuPath, event);
    return jsonResponse(200, await readKit(ports().kits, tenantId, sku));
  }),
  route('PUT', '/kits/{sku}', async (event) => {
    const tenantId = authorizedTenant(event);
    parseQuery(noQuery, event);
    const { sku } = parsePath(skuPath, event);
    const { components } = parseInput(kitBodySchema, jsonBody(event), 'kit');
    const kit = await defineKit({ kits: ports().kits, clock: ports().allocation.clock }, tenantId, {
      sku,
      components,
      by: { kind: 'person', id: authorizedPrincipal(event) },
    });
    return jsonResponse(200, kit);
  }),
];

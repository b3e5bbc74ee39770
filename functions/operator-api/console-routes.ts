import { bulkActBody, summaryQuery } from '../../shared/api/console-schemas.js';
import { bulkActOf } from '../../shared/api/console-views.js';
import { noQuery } from '../../shared/api/query-params.js';
import { parseInput } from '../../shared/domain/inputs.js';
import { jsonResponse } from '../../shared/runtime/http-errors.js';
import { authorizedTenant, jsonBody } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import { actOnOrders } from '../../shared/use-cases/bulk-acts.js';
import { consoleSummary } from '../../shared/use-cases/console-summary.js';
import type { OperatorPorts } from './operator-ports.js';
import { operatorRequest, parseQuery } from './operator-request.js';

/** The console's own routes: one act on a selection of orders, and the summary counts. */
export const consoleRoutes = (ports: () => OperatorPorts): HttpRoute[] => [
  route('POST', '/orders/acts', async (event) => {
    const request = operatorRequest(event);
    parseQuery(noQuery, event);
    const body = parseInput(bulkActBody, jsonBody(event), 'bulk act');
    const bulk = { ...body, dryRun: body.dryRun ?? false };
    const results = await actOnOrders(ports().allocation, request, bulk);
    return jsonResponse(200, bulkActOf(bulk, results));
  }),
  route('GET', '/summary', async (event) => {
    const tenantId = authorizedTenant(event);
    const { warehouse } = parseQuery(summaryQuery, event);
    return jsonResponse(
      200,
      await consoleSummary(ports().queries, ports().allocation.clock, tenantId, warehouse),
    );
  }),
];

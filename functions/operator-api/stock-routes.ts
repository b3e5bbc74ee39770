import { inboundQuery, stockQuery } from '../../shared/api/stock-schemas.js';
import { inboundViewOf, stockViewOf } from '../../shared/api/stock-views.js';
import { jsonResponse } from '../../shared/runtime/http-errors.js';
import { authorizedTenant } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import { inboundOfSku, stockOfSku } from '../../shared/use-cases/view-stock.js';
import type { OperatorPorts } from './operator-ports.js';
import { parseQuery } from './operator-request.js';

/** A SKU's stock levels across warehouses, and its expected supply. */
export const stockRoutes = (ports: () => OperatorPorts): HttpRoute[] => [
  route('GET', '/stock', async (event) => {
    const tenantId = authorizedTenant(event);
    const { sku, warehouse } = parseQuery(stockQuery, event);
    return jsonResponse(200, stockViewOf(sku, await stockOfSku(ports(), tenantId, sku, warehouse)));
  }),
  route('GET', '/inbound', async (event) => {
    const tenantId = authorizedTenant(event);
    const { sku, warehouse } = parseQuery(inboundQuery, event);
    return jsonResponse(200, inboundViewOf(sku, await inboundOfSku(ports(), tenantId, sku, warehouse)));
  }),
];

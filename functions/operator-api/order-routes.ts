import { DEFAULT_PAGE_SIZE, orderListQuery, orderPath } from '../../shared/api/order-schemas.js';
import { orderDetailOf, orderSummaryOf } from '../../shared/api/order-views.js';
import { noQuery } from '../../shared/api/query-params.js';
import { jsonResponse } from '../../shared/runtime/http-errors.js';
import { authorizedTenant } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import { expectedDatesOf } from '../../shared/use-cases/expected-by.js';
import { listOrders } from '../../shared/use-cases/list-orders.js';
import { queuePositionsOf } from '../../shared/use-cases/queue-positions.js';
import { viewOrder } from '../../shared/use-cases/view-order.js';
import type { OperatorPorts } from './operator-ports.js';
import { parsePath, parseQuery } from './operator-request.js';

/** The order list (Awaiting Stock, the manual-review queue) and one order in full. */
export const orderRoutes = (ports: () => OperatorPorts): HttpRoute[] => [
  route('GET', '/orders', async (event) => {
    const tenantId = authorizedTenant(event);
    const query = parseQuery(orderListQuery, event);
    const page = await listOrders(ports().queries, ports().allocation.clock, tenantId, {
      ...query,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
    });
    const [positions, dates] = await Promise.all([
      queuePositionsOf(ports().queries, tenantId, page.orders),
      expectedDatesOf(ports().repository, tenantId, page.orders),
    ]);
    return jsonResponse(200, {
      orders: page.orders.map((order) => orderSummaryOf(order, positions, dates)),
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
  }),
  route('GET', '/orders/{orderId}', async (event) => {
    const tenantId = authorizedTenant(event);
    parseQuery(noQuery, event);
    const { orderId } = parsePath(orderPath, event);
    const detail = await viewOrder(ports().repository, tenantId, orderId);
    const [positions, dates] = await Promise.all([
      queuePositionsOf(ports().queries, tenantId, [detail.order]),
      expectedDatesOf(ports().repository, tenantId, [detail.order]),
    ]);
    return jsonResponse(200, orderDetailOf(detail, positions, dates));
  }),
];

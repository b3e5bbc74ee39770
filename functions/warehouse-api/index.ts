import httpRouterHandler from '@middy/http-router';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import {
  adjustmentBody,
  dispatchBody,
  inboundBody,
  receiptBody,
} from '../../shared/api/warehouse-schemas.js';
import { UnknownWarehouseError } from '../../shared/domain/errors.js';
import { StaleInboundChangeError } from '../../shared/domain/inbound-errors.js';
import { parseInput } from '../../shared/domain/inputs.js';
import { deployedAdapters, type Wiring } from '../../shared/runtime/adapters.js';
import { decisionResponse } from '../../shared/runtime/decision-response.js';
import { deployedHandler } from '../../shared/runtime/deployed-handler.js';
import { httpErrors, jsonResponse } from '../../shared/runtime/http-errors.js';
import { authorizedTenant, jsonBody, pathParameter, requestId } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import { observed } from '../../shared/runtime/observability.js';
import { dispatchOrder, type Request, startFulfilment } from '../../shared/use-cases/order-acts.js';
import type { Outcome } from '../../shared/use-cases/outcome.js';
import type { AllocationPorts } from '../../shared/use-cases/ports.js';
import { adjustStock, receiveStock } from '../../shared/use-cases/receive-stock.js';

/** Stock moves only in a warehouse the tenant has: anything else would be stock nobody can ship. */
const inKnownWarehouse = async <B extends { warehouseId: string }>(
  wiring: () => Wiring,
  tenantId: string,
  body: B,
): Promise<B> => {
  const tenant = await wiring().directory.getTenant(tenantId);
  if (!tenant?.warehouses.includes(body.warehouseId)) throw new UnknownWarehouseError(body.warehouseId);
  return body;
};

/** Who acts, for whom, under which request id: the warehouse system. */
const warehouseRequest = (event: APIGatewayProxyEventV2): Request => ({
  tenantId: authorizedTenant(event),
  actor: { kind: 'warehouse', id: 'warehouse-api' },
  ...requestId(event),
});

/** A receipt or an adjustment: the key first, then the body and its warehouse, then the change. */
const stockRoute = <S extends z.ZodMiniType<{ warehouseId: string }>>(
  wiring: () => Wiring,
  path: string,
  schema: S,
  what: string,
  change: (ports: AllocationPorts, tenantId: string, body: z.output<S>, eventId: string) => Promise<Outcome>,
): HttpRoute =>
  route('POST', path, async (event) => {
    const tenantId = authorizedTenant(event);
    const body = await inKnownWarehouse(wiring, tenantId, parseInput(schema, jsonBody(event), what));
    const outcome = await change(wiring().allocation, tenantId, body, requestId(event).eventId);
    return decisionResponse(outcome);
  });

/** The warehouse's routes, also read by the route-list check. */
export const warehouseRoutes = (wiring: () => Wiring): HttpRoute[] => [
  stockRoute(wiring, '/stock/receipts', receiptBody, 'receipt', receiveStock),
  stockRoute(wiring, '/stock/adjustments', adjustmentBody, 'adjustment', adjustStock),
  route('POST', '/inbound', async (event) => {
    const tenantId = authorizedTenant(event);
    const body = await inKnownWarehouse(
      wiring,
      tenantId,
      parseInput(inboundBody, jsonBody(event), 'inbound supply'),
    );
    const { updatedAt, ...line } = body;
    try {
      await wiring().repository.saveInbound({
        ...line,
        tenantId,
        eta: new Date(body.eta).toISOString(),
        ...(updatedAt ? { updatedAt } : {}),
      });
    } catch (error) {
      if (!(error instanceof StaleInboundChangeError)) throw error;
      return jsonResponse(200, { status: 'stale', inboundId: body.inboundId });
    }
    return jsonResponse(200, { status: 'applied', inboundId: body.inboundId });
  }),
  route('POST', '/orders/{orderId}/fulfilment-started', async (event) => {
    const request = warehouseRequest(event);
    const outcome = await startFulfilment(wiring().allocation, request, {
      orderId: pathParameter(event, 'orderId'),
    });
    return decisionResponse(outcome);
  }),
  route('POST', '/orders/{orderId}/dispatched', async (event) => {
    const request = warehouseRequest(event);
    const body = event.body ? parseInput(dispatchBody, jsonBody(event), 'dispatch') : {};
    const input = { orderId: pathParameter(event, 'orderId'), ...(body.lines ? { lines: body.lines } : {}) };
    const outcome = await dispatchOrder(wiring().allocation, request, input);
    return decisionResponse(outcome);
  }),
];

/** The warehouse's routes (DESIGN §7): receipts, adjustments, inbound supply, pick starts and dispatches. */
export const makeHandler = (wiring: () => Wiring) =>
  observed(httpRouterHandler(warehouseRoutes(wiring))).use(httpErrors());

export const handler = deployedHandler(deployedAdapters, makeHandler);

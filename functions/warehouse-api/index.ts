import httpRouterHandler from '@middy/http-router';
import {
  adjustmentBody,
  dispatchBody,
  inboundBody,
  receiptBody,
} from '../../shared/api/warehouse-schemas.js';
import { parseInput } from '../../shared/domain/inputs.js';
import { deployedAdapters, type Wiring } from '../../shared/runtime/adapters.js';
import { actOutcome, decisionResponse } from '../../shared/runtime/decision-response.js';
import { deployedHandler } from '../../shared/runtime/deployed-handler.js';
import { httpErrors, jsonResponse } from '../../shared/runtime/http-errors.js';
import { authorizedTenant, jsonBody, pathParameter, requestId } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import { observed } from '../../shared/runtime/observability.js';
import { dispatchOrder, startFulfilment } from '../../shared/use-cases/order-acts.js';
import { adjustStock, receiveStock } from '../../shared/use-cases/receive-stock.js';

/** The warehouse's routes, also read by the route-list check. */
export const warehouseRoutes = (wiring: () => Wiring): HttpRoute[] => [
  route('POST', '/stock/receipts', async (event) => {
    const body = parseInput(receiptBody, jsonBody(event), 'receipt');
    const outcome = await receiveStock(
      wiring().allocation,
      authorizedTenant(event),
      body,
      requestId(event).eventId,
    );
    return decisionResponse(
      wiring().publishing,
      outcome.kind === 'applied' ? outcome : { kind: 'duplicate' },
    );
  }),
  route('POST', '/stock/adjustments', async (event) => {
    const body = parseInput(adjustmentBody, jsonBody(event), 'adjustment');
    const adjustment = { ...body, ...(body.reason ? { reason: body.reason } : {}) };
    const outcome = await adjustStock(
      wiring().allocation,
      authorizedTenant(event),
      adjustment,
      requestId(event).eventId,
    );
    return decisionResponse(
      wiring().publishing,
      outcome.kind === 'applied' ? outcome : { kind: 'duplicate' },
    );
  }),
  route('POST', '/inbound', async (event) => {
    const body = parseInput(inboundBody, jsonBody(event), 'inbound supply');
    const tenantId = authorizedTenant(event);
    await wiring().repository.saveInbound({ ...body, tenantId, eta: new Date(body.eta).toISOString() });
    return jsonResponse(200, { status: 'applied', inboundId: body.inboundId });
  }),
  route('POST', '/orders/{orderId}/fulfilment-started', async (event) => {
    const request = {
      tenantId: authorizedTenant(event),
      actor: { kind: 'warehouse' as const, id: 'warehouse-api' },
      ...requestId(event),
    };
    const outcome = await startFulfilment(wiring().allocation, request, {
      orderId: pathParameter(event, 'orderId'),
    });
    return decisionResponse(wiring().publishing, actOutcome(outcome));
  }),
  route('POST', '/orders/{orderId}/dispatched', async (event) => {
    const body = event.body ? parseInput(dispatchBody, jsonBody(event), 'dispatch') : {};
    const request = {
      tenantId: authorizedTenant(event),
      actor: { kind: 'warehouse' as const, id: 'warehouse-api' },
      ...requestId(event),
    };
    const input = { orderId: pathParameter(event, 'orderId'), ...(body.lines ? { lines: body.lines } : {}) };
    const outcome = await dispatchOrder(wiring().allocation, request, input);
    return decisionResponse(wiring().publishing, actOutcome(outcome));
  }),
];

/** The warehouse's routes (DESIGN §7): receipts, adjustments, inbound supply, pick starts and dispatches. */
export const makeHandler = (wiring: () => Wiring) =>
  observed(httpRouterHandler(warehouseRoutes(wiring))).use(httpErrors());

export const handler = deployedHandler(deployedAdapters, makeHandler);

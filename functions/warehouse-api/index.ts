import httpRouterHandler from '@middy/http-router';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import type { Decision } from '../../shared/allocation/decision.js';
import {
  adjustmentLinesSchema,
  dispatchLinesSchema,
  idSchema,
  parseInput,
  quantitySchema,
  stockLinesSchema,
} from '../../shared/domain/inputs.js';
import { adapters, type Wiring } from '../../shared/runtime/adapters.js';
import { httpErrors, jsonResponse } from '../../shared/runtime/http-errors.js';
import { authorizedTenant, jsonBody, pathParameter, requestId } from '../../shared/runtime/http-request.js';
import { type HttpRoute, route } from '../../shared/runtime/http-route.js';
import { logger, observed } from '../../shared/runtime/observability.js';
import { dispatchOrder, startFulfilment } from '../../shared/use-cases/order-acts.js';
import { publishDecisionEvents } from '../../shared/use-cases/publish-events.js';
import { adjustStock, receiveStock } from '../../shared/use-cases/receive-stock.js';

export const receiptBody = z
  .object({ receiptId: idSchema, warehouseId: idSchema, lines: stockLinesSchema })
  .strict();
export const adjustmentBody = z
  .object({
    adjustmentId: idSchema,
    warehouseId: idSchema,
    lines: adjustmentLinesSchema,
    reason: z.string().max(1000).optional(),
  })
  .strict();
export const inboundBody = z
  .object({
    inboundId: idSchema,
    warehouseId: idSchema,
    sku: idSchema,
    quantity: quantitySchema,
    eta: z.iso.datetime({ offset: true }),
  })
  .strict();
export const dispatchBody = z.object({ lines: dispatchLinesSchema.optional() }).strict();

type Outcome = { kind: 'applied'; decisions: Decision[] } | { kind: 'duplicate' };

/** The answer to a warehouse request: what it changed, after its events are on their way. */
const respond = async (
  wiring: () => Wiring,
  outcome: Outcome,
): Promise<APIGatewayProxyStructuredResultV2> => {
  if (outcome.kind === 'duplicate') return jsonResponse(200, { status: 'duplicate' });
  await publishDecisionEvents(wiring().publishing, outcome.decisions).catch((error: Error) =>
    logger.warn('Publishing deferred to the sweep', { error: error.message }),
  );
  const orders = outcome.decisions.flatMap((decision) =>
    decision.orders.map(({ after }) => ({ orderId: after.orderId, status: after.status })),
  );
  return jsonResponse(200, { status: 'applied', orders });
};

const routes = (wiring: () => Wiring): HttpRoute[] => [
  route('POST', '/stock/receipts', async (event) => {
    const body = parseInput(receiptBody, jsonBody(event), 'receipt');
    const outcome = await receiveStock(
      wiring().allocation,
      authorizedTenant(event),
      body,
      requestId(event).eventId,
    );
    return respond(wiring, outcome.kind === 'applied' ? outcome : { kind: 'duplicate' });
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
    return respond(wiring, outcome.kind === 'applied' ? outcome : { kind: 'duplicate' });
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
    return respond(
      wiring,
      outcome.kind === 'applied' ? { kind: 'applied', decisions: [outcome.decision] } : outcome,
    );
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
    return respond(
      wiring,
      outcome.kind === 'applied' ? { kind: 'applied', decisions: [outcome.decision] } : outcome,
    );
  }),
];

/** The warehouse's routes (DESIGN §7): receipts, adjustments, inbound supply, pick starts and dispatches. */
export const makeHandler = (wiring: () => Wiring) =>
  observed(httpRouterHandler(routes(wiring))).use(httpErrors());

export const handler = makeHandler(adapters);

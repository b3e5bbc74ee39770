import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Outcome } from '../use-cases/outcome.js';
import { jsonResponse } from './http-errors.js';

/**
 * The answer to a request that changed state: what it changed. Its events were published when it
 * committed (or, if publishing failed, wait in the outbox for the sweep): not the caller's problem.
 */
export const decisionResponse = (outcome: Outcome): APIGatewayProxyStructuredResultV2 => {
  if (outcome.kind === 'duplicate') return jsonResponse(200, { status: 'duplicate' });
  const orders = outcome.decisions.flatMap((decision) =>
    decision.orders.map(({ after }) => ({ orderId: after.orderId, status: after.status })),
  );
  return jsonResponse(200, { status: 'applied', orders });
};

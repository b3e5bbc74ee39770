import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Decision } from '../allocation/decision.js';
import { type PublishingPorts, publishDecisionEvents } from '../use-cases/publish-events.js';
import { jsonResponse } from './http-errors.js';
import { logger } from './observability.js';

export type RequestOutcome = { kind: 'applied'; decisions: Decision[] } | { kind: 'duplicate' };

/**
 * The answer to a request that changed state: what it changed, after its events are on their way.
 * A failed publish is not the caller's problem: the outbox keeps the events for the sweep.
 */
export const decisionResponse = async (
  publishing: PublishingPorts,
  outcome: RequestOutcome,
): Promise<APIGatewayProxyStructuredResultV2> => {
  if (outcome.kind === 'duplicate') return jsonResponse(200, { status: 'duplicate' });
  await publishDecisionEvents(publishing, outcome.decisions).catch((error: Error) =>
    logger.warn('Publishing deferred to the sweep', { error: error.message }),
  );
  const orders = outcome.decisions.flatMap((decision) =>
    decision.orders.map(({ after }) => ({ orderId: after.orderId, status: after.status })),
  );
  return jsonResponse(200, { status: 'applied', orders });
};

/** One order act's outcome as a request outcome. */
export const actOutcome = (
  outcome: { kind: 'applied'; decision: Decision } | { kind: 'duplicate' },
): RequestOutcome =>
  outcome.kind === 'applied' ? { kind: 'applied', decisions: [outcome.decision] } : outcome;

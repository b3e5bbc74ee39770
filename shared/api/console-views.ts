import type * as z from 'zod/mini';
import { errorAnswerOf } from '../runtime/http-errors.js';
import type { BulkAct, BulkResult } from '../use-cases/bulk-acts.js';
import type { bulkActView, bulkResultView } from './console-responses.js';
import { dryRunOf } from './order-views.js';

const resultOf = (result: BulkResult): z.output<typeof bulkResultView> => {
  const { orderId } = result;
  switch (result.outcome) {
    case 'applied':
      return {
        orderId,
        outcome: 'applied',
        orders: result.decisions.flatMap((decision) =>
          decision.orders.map(({ after }) => ({ orderId: after.orderId, status: after.status })),
        ),
      };
    case 'duplicate':
      return { orderId, outcome: 'duplicate' };
    case 'dryRun': {
      const { dryRun: _flag, ...explained } = dryRunOf(result.explanation);
      return { orderId, outcome: 'dryRun', ...explained };
    }
    case 'refused': {
      const { statusCode, body } = errorAnswerOf(result.error);
      return { orderId, outcome: 'refused', status: statusCode, ...body };
    }
  }
};

/** A bulk act's answer: each order's result, and how many ended each way. */
export const bulkActOf = (bulk: BulkAct, results: BulkResult[]): z.output<typeof bulkActView> => {
  const counts = { applied: 0, refused: 0, duplicate: 0, dryRun: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return { act: bulk.act, dryRun: bulk.dryRun, results: results.map(resultOf), counts };
};

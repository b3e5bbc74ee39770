import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError } from '../domain/errors.js';
import { RequestInProgressError, WriteConflictError } from '../ports/backorder-repository.js';
import { logger } from './observability.js';

/** A refusal at the HTTP edge (bad signature, bad key, malformed body) before any use case runs. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  TOO_LARGE: 413,
  UNKNOWN_WAREHOUSE: 422,
  ORDER_NOT_FOUND: 404,
  ORDER_ALREADY_EXISTS: 409,
  INVALID_TRANSITION: 409,
  INSUFFICIENT_STOCK: 409,
  STOCK_CONFLICT: 409,
  SPLIT_NOT_POSSIBLE: 409,
  UNSUPPORTED_CHANGE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  RECIPIENT_NOT_FOUND: 404,
  KIT_NOT_FOUND: 404,
  RECIPIENT_EXISTS: 409,
  RECIPIENT_LIMIT: 409,
  SUBSCRIPTION_REFUSED: 409,
};

/** Answers carry orders and customers: no shared or browser cache keeps them, no browser sniffs them. */
export const JSON_HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

export const jsonResponse = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { ...JSON_HEADERS },
  body: JSON.stringify(body),
});

const errorBody = (code: string, message: string, details: Record<string, unknown> = {}) => ({
  error: { code, message, details },
});

export interface ErrorAnswer {
  statusCode: number;
  body: { error: { code: string; message: string; details: Record<string, unknown> } };
}

/**
 * Every error as its status and `{error: {code, message, details}}`: the one place HTTP statuses
 * are decided (a bulk act reports each order's refusal with it too).
 */
export const errorAnswerOf = (error: unknown): ErrorAnswer => {
  const answer = (
    statusCode: number,
    code: string,
    message: string,
    details: Record<string, unknown> = {},
  ) => ({
    statusCode,
    body: errorBody(code, message, details),
  });
  if (error instanceof HttpError) return answer(error.statusCode, error.code, error.message, error.details);
  if (error instanceof DomainError) {
    return answer(STATUS_BY_CODE[error.code] ?? 400, error.code, error.message, error.details);
  }
  const routing = error as { statusCode?: unknown; expose?: unknown };
  if (
    typeof routing.statusCode === 'number' &&
    routing.statusCode >= 400 &&
    routing.statusCode < 500 &&
    routing.expose
  ) {
    const code =
      routing.statusCode === 404
        ? 'NOT_FOUND'
        : routing.statusCode === 405
          ? 'METHOD_NOT_ALLOWED'
          : 'BAD_REQUEST';
    return answer(routing.statusCode, code, code === 'NOT_FOUND' ? 'No such route' : 'Request refused');
  }
  if (error instanceof RequestInProgressError) {
    return answer(
      409,
      error.code,
      'An earlier attempt of this request is still being applied; retry in a minute',
    );
  }
  if (error instanceof WriteConflictError) return answer(503, 'BUSY', 'The stock is busy; retry the request');
  logger.error('Unexpected error', { error: error as Error });
  return answer(500, 'INTERNAL', 'Internal error');
};

/** Maps every error to its JSON response. */
export const toErrorResponse = (error: unknown): APIGatewayProxyStructuredResultV2 => {
  const { statusCode, body } = errorAnswerOf(error);
  return jsonResponse(statusCode, body);
};

export const httpErrors = (): middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
> => ({
  onError: async (request) => {
    request.response = toErrorResponse(request.error);
  },
});

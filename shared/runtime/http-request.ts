import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { headerValue } from '../channels/headers.js';
import { TooLargeError } from '../domain/errors.js';
import { LIMITS } from '../limits.js';
import { HttpError } from './http-errors.js';

/** The tenant the Lambda authorizer resolved from the bearer key; routes never trust the body for it. */
export const authorizedTenant = (event: APIGatewayProxyEventV2): string => {
  const context = (event.requestContext as { authorizer?: { lambda?: { tenantId?: unknown } } }).authorizer;
  const tenantId = context?.lambda?.tenantId;
  if (typeof tenantId !== 'string' || tenantId.length === 0) {
    throw new HttpError(401, 'UNAUTHORIZED', 'A valid API key is required');
  }
  return tenantId;
};

/**
 * Who is acting for the tenant, when the authorizer knows (a named key or user): recorded in the
 * history of every act. Keys without a name act as `operator`.
 */
export const authorizedPrincipal = (event: APIGatewayProxyEventV2, fallback = 'operator'): string => {
  const context = (event.requestContext as { authorizer?: { lambda?: { principal?: unknown } } }).authorizer;
  const principal = context?.lambda?.principal;
  return typeof principal === 'string' && principal.trim().length > 0 && principal.length <= 200
    ? principal.trim()
    : fallback;
};

/**
 * The exact bytes the caller sent, which signatures are computed over; a body larger than any
 * route takes (`LIMITS.requestBodyBytes`) is refused before anything reads it.
 */
export const rawBody = (event: APIGatewayProxyEventV2): Buffer => {
  const bytes = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length > LIMITS.requestBodyBytes)
    throw new TooLargeError('The body', 'requestBodyBytes', LIMITS.requestBodyBytes, bytes.length);
  return bytes;
};

export const jsonBody = (event: APIGatewayProxyEventV2): unknown => {
  const text = rawBody(event).toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'INVALID_INPUT', 'A JSON body is required');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', 'The body is not valid JSON');
  }
};

export const header = (event: APIGatewayProxyEventV2, name: string): string | undefined =>
  headerValue(event.headers, name);

export const pathParameter = (event: APIGatewayProxyEventV2, name: string): string => {
  const value = event.pathParameters?.[name];
  if (!value) throw new HttpError(400, 'INVALID_INPUT', `Missing path parameter ${name}`);
  try {
    return decodeURIComponent(value);
  } catch {
    throw new HttpError(400, 'INVALID_INPUT', `Path parameter ${name} is not validly encoded`);
  }
};

/** The query string as the gateway parsed it (a repeated key arrives comma-joined). */
export const queryParameters = (event: APIGatewayProxyEventV2): Record<string, string | undefined> =>
  event.queryStringParameters ?? {};

/**
 * The id of this request: the caller's Idempotency-Key when given, else the gateway's request id.
 * The key is scoped to the route (the tenant scopes every key) and bound to a hash of the request's
 * method, path and body: the same key with another request is refused (IDEMPOTENCY_KEY_REUSED). It
 * becomes the decision's event id, so it is held to an id's length, refused beyond it.
 */
export const requestId = (
  event: APIGatewayProxyEventV2,
): { eventId: string; idempotencyKey?: string; requestHash?: string } => {
  const key = header(event, 'idempotency-key');
  if (!key) return { eventId: event.requestContext.requestId };
  if (key.length > LIMITS.idempotencyKeyLength)
    throw new HttpError(400, 'INVALID_INPUT', 'The Idempotency-Key header is too long', {
      maximum: LIMITS.idempotencyKeyLength,
      actual: key.length,
    });
  const request = `${event.requestContext.http.method} ${event.rawPath}\n${event.body ?? ''}`;
  return {
    eventId: key,
    idempotencyKey: `request#${event.routeKey}#${key}`,
    requestHash: createHash('sha256').update(request).digest('base64url'),
  };
};

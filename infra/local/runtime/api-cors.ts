/**
 * The HTTP API's CORS configuration (`CorsConfiguration` of `AWS::ApiGatewayV2::Api`), answered as
 * API Gateway answers it: a preflight (`OPTIONS` with `Origin` and
 * `Access-Control-Request-Method`) gets 204 from the gateway itself, with the allowed methods and
 * headers when the origin is allowed and none otherwise; any other response to an allowed origin
 * carries `Access-Control-Allow-Origin`.
 */
import { type AppTemplate, type Json, resourcesOfType } from './template.js';

export interface ApiCors {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge?: number;
  readonly allowCredentials: boolean;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The template's API CORS configuration, or `undefined` when it has none. */
export function apiCors(template: AppTemplate): ApiCors | undefined {
  const [api] = resourcesOfType(template, 'AWS::ApiGatewayV2::Api');
  const config = api?.[1].CorsConfiguration as Json | undefined;
  if (!config) return undefined;
  return {
    allowOrigins: strings(config.AllowOrigins),
    allowMethods: strings(config.AllowMethods).map((method) => method.toUpperCase()),
    allowHeaders: strings(config.AllowHeaders).map((header) => header.toLowerCase()),
    exposeHeaders: strings(config.ExposeHeaders),
    ...(typeof config.MaxAge === 'number' ? { maxAge: config.MaxAge } : {}),
    allowCredentials: config.AllowCredentials === true,
  };
}

const allowed = (cors: ApiCors, origin: string | undefined): origin is string =>
  origin !== undefined && (cors.allowOrigins.includes('*') || cors.allowOrigins.includes(origin));

const originHeaders = (cors: ApiCors, origin: string): Record<string, string> => ({
  'access-control-allow-origin': cors.allowOrigins.includes('*') ? '*' : origin,
  ...(cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
});

export const isPreflight = (method: string, headers: Record<string, string | undefined>): boolean =>
  method === 'OPTIONS' && Boolean(headers.origin) && Boolean(headers['access-control-request-method']);

/** The gateway's own answer to a preflight. */
export function preflightHeaders(
  cors: ApiCors,
  headers: Record<string, string | undefined>,
): Record<string, string> {
  if (!allowed(cors, headers.origin)) return {};
  return {
    ...originHeaders(cors, headers.origin),
    'access-control-allow-methods': cors.allowMethods.join(','),
    ...(cors.allowHeaders.length > 0 ? { 'access-control-allow-headers': cors.allowHeaders.join(',') } : {}),
    ...(cors.maxAge !== undefined ? { 'access-control-max-age': String(cors.maxAge) } : {}),
  };
}

/** What the gateway adds to a route's response for a request from an allowed origin. */
export function responseCorsHeaders(
  cors: ApiCors,
  headers: Record<string, string | undefined>,
): Record<string, string> {
  if (!allowed(cors, headers.origin)) return {};
  return {
    ...originHeaders(cors, headers.origin),
    ...(cors.exposeHeaders.length > 0
      ? { 'access-control-expose-headers': cors.exposeHeaders.join(',') }
      : {}),
  };
}

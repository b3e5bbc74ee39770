/** An HTTP request as API Gateway (HTTP API, payload format 2.0) hands it to a Lambda function. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import type { HttpRoute } from './http-routes.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-account.js';
import { eventBody } from './request-body.js';

export const LOCAL_API_ID = 'local';

export interface RequestParts {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly isBase64Encoded: boolean;
  readonly sourceIp: string;
}

/** Header names lowercased; repeated headers joined by commas, as API Gateway does. */
export function requestParts(request: IncomingMessage, bytes: Buffer): RequestParts {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headersDistinct)) {
    if (value) headers[name.toLowerCase()] = value.join(',');
  }
  return {
    method: (request.method ?? 'GET').toUpperCase(),
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...eventBody(bytes, headers['content-type']),
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
  };
}

const queryParameters = (rawQueryString: string): Record<string, string> | undefined => {
  if (!rawQueryString) return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = parameters[name] === undefined ? value : `${parameters[name]},${value}`;
  }
  return parameters;
};

const cookiesOf = (headers: Record<string, string>): string[] | undefined =>
  headers.cookie ? headers.cookie.split(';').map((cookie) => cookie.trim()) : undefined;

function requestContext(parts: RequestParts, route: HttpRoute, requestId: string) {
  const now = new Date();
  return {
    accountId: LOCAL_ACCOUNT,
    apiId: LOCAL_API_ID,
    domainName: parts.headers.host ?? 'localhost',
    domainPrefix: (parts.headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
    http: {
      method: parts.method,
      path: parts.rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: parts.sourceIp,
      userAgent: parts.headers['user-agent'] ?? '',
    },
    requestId,
    routeKey: route.routeKey,
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
  };
}

/** The request's own fields, the same in the function's event and in the authorizer's. */
function requestFields(parts: RequestParts, route: HttpRoute) {
  const query = queryParameters(parts.rawQueryString);
  const cookies = cookiesOf(parts.headers);
  return {
    routeKey: route.routeKey,
    rawPath: parts.rawPath,
    rawQueryString: parts.rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers: parts.headers,
    ...(query ? { queryStringParameters: query } : {}),
  };
}

export function proxyEvent(
  parts: RequestParts,
  route: HttpRoute,
  pathParameters: Record<string, string>,
  requestId: string,
  authorizerContext?: Record<string, unknown>,
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    ...requestFields(parts, route),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      ...requestContext(parts, route, requestId),
      ...(authorizerContext ? { authorizer: { lambda: authorizerContext } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(parts.body ? { body: parts.body } : {}),
    isBase64Encoded: parts.isBase64Encoded,
  };
}

export function authorizerEvent(
  parts: RequestParts,
  route: HttpRoute,
  pathParameters: Record<string, string>,
  requestId: string,
): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${LOCAL_API_ID}/$default/${parts.method}${parts.rawPath}`,
    identitySource: [parts.headers.authorization ?? ''],
    ...requestFields(parts, route),
    requestContext: requestContext(parts, route, requestId),
    pathParameters,
    stageVariables: {},
  } as APIGatewayRequestAuthorizerEventV2;
}

export const newRequestId = (): string => randomUUID();

import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** An API Gateway HTTP API (payload format 2.0) request, as the gateway hands it to Lambda. */
export const httpEvent = (
  method: string,
  path: string,
  options: {
    body?: string;
    headers?: Record<string, string>;
    pathParameters?: Record<string, string>;
    query?: Record<string, string>;
    tenantId?: string;
    routeKey?: string;
  } = {},
): APIGatewayProxyEventV2 => ({
  version: '2.0',
  routeKey: options.routeKey ?? `${method} ${path}`,
  rawPath: path,
  rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
  headers: Object.fromEntries(
    Object.entries(options.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
  ),
  ...(options.query ? { queryStringParameters: options.query } : {}),
  ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
  requestContext: {
    accountId: '000000000000',
    apiId: 'local',
    domainName: 'localhost',
    domainPrefix: 'localhost',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    requestId: `req-${Math.random().toString(36).slice(2)}`,
    routeKey: options.routeKey ?? `${method} ${path}`,
    stage: '$default',
    time: new Date().toUTCString(),
    timeEpoch: Date.now(),
    ...(options.tenantId ? { authorizer: { lambda: { tenantId: options.tenantId } } } : {}),
  } as APIGatewayProxyEventV2['requestContext'],
  ...(options.body !== undefined ? { body: options.body } : {}),
  isBase64Encoded: false,
});

export const lambdaContext = (name = 'test'): Context =>
  ({
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: '256',
    awsRequestId: `aws-${Math.random().toString(36).slice(2)}`,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

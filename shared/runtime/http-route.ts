import type { Method, Route } from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpRoute = Route<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/** A typed route for the HTTP API (payload format 2.0). */
export const route = (
  method: Method,
  path: string,
  handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>,
): HttpRoute => ({ method, path, handler: (event: APIGatewayProxyEventV2) => handler(event) });

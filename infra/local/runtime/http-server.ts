/**
 * The HTTP API: serves exactly the template's routes, runs the Lambda authorizer where a route
 * has one (401 without an Authorization header, 403 when refused, as API Gateway answers), and
 * hands each request to its function as a payload 2.0 event. Like API Gateway it answers a body
 * over 10 MiB 413 and a path it cannot decode 400 before any function runs, and answers CORS
 * preflights itself by the template's configuration. `POST /_local/sweep` runs the sweep.
 * Any other GET is the operator console's (static-files.ts), as CloudFront serves it when deployed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type ApiCors, isPreflight, preflightHeaders, responseCorsHeaders } from './api-cors.js';
import { authorizerEvent, newRequestId, proxyEvent, type RequestParts, requestParts } from './api-event.js';
import type { Invoke } from './functions.js';
import type { HttpRoute } from './http-routes.js';
import { readBody } from './request-body.js';
import { routeMatcher, UndecodablePathError } from './route-matcher.js';
import { staticFile } from './static-files.js';

export const SWEEP_PATH = '/_local/sweep';

export interface Reply {
  statusCode: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

const message = (statusCode: number, text: string): Reply => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: text }),
});

/** A 2.0 response: a structured result, or anything else as a JSON 200. */
function replyOf(result: unknown): Reply {
  const structured = result as APIGatewayProxyStructuredResultV2 | undefined;
  if (structured && typeof structured === 'object' && typeof structured.statusCode === 'number') {
    const headers = Object.fromEntries(
      Object.entries(structured.headers ?? {}).map(([k, v]) => [k, String(v)]),
    );
    const body =
      structured.isBase64Encoded && structured.body
        ? Buffer.from(structured.body, 'base64').toString('latin1')
        : (structured.body ?? '');
    return { statusCode: structured.statusCode, headers, body };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: typeof result === 'string' ? result : JSON.stringify(result ?? null),
  };
}

export interface HttpServerOptions {
  readonly routes: readonly HttpRoute[];
  /** The API's CORS configuration; without one, preflights are routed like any request. */
  readonly cors?: ApiCors | undefined;
  readonly invoke: Invoke;
  readonly sweep: () => Promise<unknown>;
  readonly log: (line: string) => void;
  /** Files served for GET requests no route takes (the operator console), with `index.html` for pages. */
  readonly staticDir?: string;
}

export function createHttpServer(options: HttpServerOptions): Server {
  const match = routeMatcher(options.routes);

  const authorize = async (
    parts: RequestParts,
    route: HttpRoute,
    params: Record<string, string>,
    requestId: string,
  ) => {
    if (!parts.headers.authorization) return { reply: message(401, 'Unauthorized') };
    const result = (await options.invoke(
      route.authorizer as NonNullable<HttpRoute['authorizer']>,
      authorizerEvent(parts, route, params, requestId),
    )) as { isAuthorized?: boolean; context?: Record<string, unknown> } | undefined;
    if (result?.isAuthorized !== true) return { reply: message(403, 'Forbidden') };
    return { context: result.context ?? {} };
  };

  const route = async (parts: RequestParts): Promise<Reply> => {
    if (parts.method === 'POST' && parts.rawPath === SWEEP_PATH) return replyOf(await options.sweep());
    if (options.cors && isPreflight(parts.method, parts.headers))
      return { statusCode: 204, headers: preflightHeaders(options.cors, parts.headers), body: '' };
    const found = match(parts.method, parts.rawPath);
    if (!found) {
      const file =
        options.staticDir && parts.method === 'GET'
          ? staticFile(options.staticDir, parts.rawPath)
          : undefined;
      return file ?? message(404, 'Not Found');
    }
    const requestId = newRequestId();
    let context: Record<string, unknown> | undefined;
    if (found.route.authorizer) {
      const verdict = await authorize(parts, found.route, found.pathParameters, requestId);
      if (verdict.reply) return verdict.reply;
      context = verdict.context;
    }
    const event = proxyEvent(parts, found.route, found.pathParameters, requestId, context);
    return replyOf(await options.invoke(found.route.function, event));
  };

  const handle = async (request: IncomingMessage): Promise<Reply> => {
    const read = await readBody(request);
    if (read.kind === 'too-large') return message(413, 'Request Entity Too Large');
    const parts = requestParts(request, read.bytes);
    try {
      const reply = await route(parts);
      if (!options.cors || isPreflight(parts.method, parts.headers)) return reply;
      return { ...reply, headers: { ...reply.headers, ...responseCorsHeaders(options.cors, parts.headers) } };
    } catch (error) {
      if (error instanceof UndecodablePathError) return message(400, 'Bad Request');
      throw error;
    }
  };

  return createServer((request: IncomingMessage, response: ServerResponse) => {
    const started = Date.now();
    handle(request)
      .catch((error: Error) => {
        options.log(`[http] ${request.method} ${request.url} failed: ${error.stack ?? error.message}`);
        return message(500, 'Internal Server Error');
      })
      .then((reply) => {
        response.writeHead(reply.statusCode, { ...reply.headers, 'apigw-requestid': newRequestId() });
        response.end(reply.body);
        options.log(
          `[http] ${request.method} ${request.url} → ${reply.statusCode} (${Date.now() - started} ms)`,
        );
      });
  });
}

/** A request listener that reads the whole body (UTF-8) before calling `handler`. */
export const withBody =
  (handler: (request: IncomingMessage, body: string, response: ServerResponse) => void) =>
  (request: IncomingMessage, response: ServerResponse): void => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  };

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

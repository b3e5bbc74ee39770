/**
 * The local AWS endpoints the bundles call (AWS_ENDPOINT_URL_EVENTBRIDGE, AWS_ENDPOINT_URL_SNS):
 * one loopback HTTP server that tells the services apart by their wire protocols, as the SDK v3
 * clients speak them: EventBridge is awsJson1_1 (`X-Amz-Target: AWSEvents.<Operation>`), SNS is
 * awsQuery (a form with `Action` and `Version=2010-03-31`, answered in XML; a subscription's
 * confirmation link is a GET with the action in its query). It is also every
 * other service's endpoint (AWS_ENDPOINT_URL), so that a call to a service it does not stand in
 * for fails here, naming the call, instead of reaching a real account.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LocalApiError } from './api-errors.js';
import type { LocalBuses } from './event-bus.js';
import { handleEventBridge } from './eventbridge-api.js';
import { closeServer, listen, withBody } from './http-server.js';
import { handleSns, SNS_VERSION, snsErrorXml } from './sns-api.js';
import type { TopicDelivery } from './topic-delivery.js';

export interface AwsEndpoints {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The variables that point the SDK at these endpoints. */
  readonly environment: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  type: string;
  body: string;
}

const JSON_TYPE = 'application/x-amz-json-1.1';

function jsonError(error: unknown): Reply {
  const known =
    error instanceof LocalApiError ? error : new LocalApiError(500, 'InternalException', String(error));
  return {
    status: known.status,
    type: JSON_TYPE,
    body: JSON.stringify({ __type: known.code, message: known.message }),
  };
}

async function dispatch(request: IncomingMessage, body: string, buses: LocalBuses, topics: TopicDelivery) {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    const [service, operation = ''] = target.split('.');
    if (service !== 'AWSEvents')
      return jsonError(
        new LocalApiError(400, 'UnknownOperationException', `${target} is not served locally`),
      );
    try {
      return {
        status: 200,
        type: JSON_TYPE,
        body: JSON.stringify(await handleEventBridge(operation, body, buses)),
      };
    } catch (error) {
      return jsonError(error);
    }
  }
  // A confirmation link is followed by a GET with the action in its query, as on SNS.
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  const confirmationLink = request.method === 'GET' && query.get('Action') === 'ConfirmSubscription';
  const form = confirmationLink ? query : new URLSearchParams(body);
  const action = form.get('Action') ?? '(none)';
  if (form.get('Version') === SNS_VERSION || confirmationLink) {
    try {
      const linkBase = `http://${request.headers.host ?? '127.0.0.1'}`;
      return { status: 200, type: 'text/xml', body: handleSns(action, form, topics, linkBase) };
    } catch (error) {
      const known =
        error instanceof LocalApiError ? error : new LocalApiError(500, 'InternalError', String(error));
      return { status: known.status, type: 'text/xml', body: snsErrorXml(known) };
    }
  }
  return {
    status: 400,
    type: 'text/xml',
    body: snsErrorXml(
      new LocalApiError(
        400,
        'InvalidAction',
        `${action} (version ${form.get('Version')}) is not served locally`,
      ),
    ),
  };
}

/** Starts the endpoints on a free loopback port. */
export async function startAwsEndpoints(
  buses: LocalBuses,
  topics: TopicDelivery,
  log: (line: string) => void,
): Promise<AwsEndpoints> {
  const server: Server = createServer(
    withBody((request: IncomingMessage, body: string, response: ServerResponse) => {
      dispatch(request, body, buses, topics)
        .catch((error: Error): Reply => {
          log(`[aws] ${request.headers['x-amz-target'] ?? 'query'} failed: ${error.stack ?? error.message}`);
          return jsonError(error);
        })
        .then((reply) => {
          if (reply.status >= 400) log(`[aws] answered ${reply.status}: ${reply.body}`);
          response.writeHead(reply.status, {
            'content-type': reply.type,
            'x-amzn-requestid': randomUUID(),
          });
          response.end(reply.body);
        });
    }),
  );
  const port = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    environment: { AWS_ENDPOINT_URL: url, AWS_ENDPOINT_URL_EVENTBRIDGE: url, AWS_ENDPOINT_URL_SNS: url },
    close: () => closeServer(server),
  };
}

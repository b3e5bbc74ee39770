import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { makeHandler } from '../../functions/operator-api/index.js';
import type { IncomingOrder } from '../../shared/domain/inputs.js';
import { receiveOrder } from '../../shared/use-cases/receive-order.js';
import { receiveStock } from '../../shared/use-cases/receive-stock.js';
import { httpEvent, lambdaContext } from './http-events.js';
import { InMemoryPublisher } from './in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from './repository-harness.js';
import { type HarnessWiringParts, wireHarness } from './wired-harness.js';

/**
 * The operator API's handler on this test file's own table, with a settable clock, and helpers to
 * call it as the gateway would and to seed orders and stock through the real use cases.
 *
 *   const api = await createOperatorApi('orders');
 *   await api.seedOrder('t1', incoming('o-1', [['A', 2]]));
 *   const { status, body } = await api.call('GET', '/orders', { tenantId: 't1' });
 */
export interface CallOptions {
  /** `null`: no authorizer context at all. */
  tenantId?: string | null;
  principal?: string;
  query?: Record<string, string>;
  /** Sent as JSON unless it is already a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against their schemas by the tests.
  body: any;
}

export const DEFAULT_TENANT = 'op-tenant';

const WRITE_OPERATIONS = ['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem'];

export const operatorEvent = (
  method: string,
  path: string,
  options: CallOptions = {},
): APIGatewayProxyEventV2 => {
  const tenantId = options.tenantId === undefined ? DEFAULT_TENANT : options.tenantId;
  const event = httpEvent(method, path, {
    ...(tenantId ? { tenantId } : {}),
    ...(options.query ? { query: options.query } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  if (options.principal && tenantId) {
    (event.requestContext as { authorizer?: unknown }).authorizer = {
      lambda: { tenantId, principal: options.principal },
    };
  }
  return event;
};

export const createOperatorApi = async (
  label: string,
  start = '2026-11-28T10:00:00.000Z',
  parts: Pick<HarnessWiringParts, 'subscriptions'> = {},
) => {
  let now = start;
  const clock = () => now;
  const harness: RepositoryHarness = await createRepositoryHarness(label, clock);
  const publisher = new InMemoryPublisher();
  const wiring = wireHarness(harness, { publisher, clock, ...parts });
  const handler = makeHandler(() => wiring);
  let events = 0;
  return {
    harness,
    wiring,
    publisher,
    handler,
    setNow: (iso: string) => {
      now = iso;
    },
    send: async (event: APIGatewayProxyEventV2): Promise<Answer> => {
      const response = await handler(event, lambdaContext('operator-api'));
      return { status: response.statusCode ?? 0, body: JSON.parse(String(response.body)) };
    },
    call: async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
      const response = await handler(operatorEvent(method, path, options), lambdaContext('operator-api'));
      return { status: response.statusCode ?? 0, body: JSON.parse(String(response.body)) };
    },
    seedOrder: (tenantId: string, input: IncomingOrder) =>
      receiveOrder(harness.ports, tenantId, input, `seed-${++events}`),
    receive: (tenantId: string, sku: string, quantity: number, warehouseId = 'main') =>
      receiveStock(
        harness.ports,
        tenantId,
        { receiptId: `R-${++events}`, warehouseId, lines: [{ sku, quantity }] },
        `seed-${events}`,
      ),
    /** Write requests sent to the table so far: unchanged across a call means it wrote nothing. */
    writeRequests: () =>
      WRITE_OPERATIONS.reduce((sum, operation) => sum + (harness.tally.byOperation[operation] ?? 0), 0),
    drop: () => harness.drop(),
  };
};

export type OperatorApi = Awaited<ReturnType<typeof createOperatorApi>>;

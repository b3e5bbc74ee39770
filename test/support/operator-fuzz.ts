import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { allocateBody, reasonBody, strategyBody } from '../../shared/api/order-schemas.js';
import { incoming } from './engine-fixtures.js';
import { createOperatorApi, type OperatorApi } from './operator-api.js';

/**
 * The target of the operator API's malformed-request properties: a real order that a well-formed
 * request would change, and checks that a request was refused with a 4xx
 * `{error: {code, message, details}}` (never a 5xx) and that nothing was written or published.
 */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
export const FUZZ_TENANT = 'fuzz-1';
export const FUZZ_ORDER = 'f-1';

const reason = { reason: 'customer called' };

/** Each act, the schema of its body and a body it would take. */
export const ACT_BODIES: Record<string, [schema: z.ZodMiniType, base: unknown]> = {
  allocate: [allocateBody, { lines: [{ lineId: '1', quantity: 1 }], reason: 'VIP' }],
  release: [reasonBody, reason],
  hold: [reasonBody, reason],
  unhold: [reasonBody, reason],
  split: [reasonBody, reason],
  cancel: [reasonBody, reason],
  strategy: [strategyBody, { strategy: 'win', ...reason }],
};
export const POLICY_BASE = {
  onShortage: 'split',
  splitDelayDays: 2,
  minimumFill: { kind: 'percent', value: 50 },
};

export const parses = (schema: z.ZodMiniType, value: unknown) => schema.safeParse(value).success;

export const wellFormedJson = (schema: z.ZodMiniType, body: string | Uint8Array): boolean => {
  try {
    return parses(schema, JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8')));
  } catch {
    return false;
  }
};

export const withBody = (event: APIGatewayProxyEventV2, body: string | Uint8Array): APIGatewayProxyEventV2 =>
  typeof body === 'string'
    ? { ...event, body }
    : { ...event, body: Buffer.from(body).toString('base64'), isBase64Encoded: true };

export interface FuzzTarget {
  api: OperatorApi;
  /** Every item of the table before the first property ran. */
  tableBefore: unknown[];
  /** How often each error code answered. */
  refusedCodes: Map<string, number>;
  expectRefused(event: APIGatewayProxyEventV2): Promise<void>;
  nothingChanges(work: () => Promise<void>): Promise<void>;
}

export const createFuzzTarget = async (label: string): Promise<FuzzTarget> => {
  const api = await createOperatorApi(label);
  await api.receive(FUZZ_TENANT, 'A', 5);
  await api.seedOrder(
    FUZZ_TENANT,
    incoming(FUZZ_ORDER, [
      ['A', 2],
      ['B', 3],
    ]),
  );
  const refusedCodes = new Map<string, number>();
  return {
    api,
    tableBefore: (await api.harness.readAll()).items,
    refusedCodes,
    // Throws rather than expects, so that fast-check reports and shrinks the request.
    expectRefused: async (event) => {
      const { status, body } = await api.send(event);
      const error = body?.error;
      if (
        status < 400 ||
        status > 499 ||
        typeof error?.code !== 'string' ||
        typeof error.message !== 'string' ||
        typeof error.details !== 'object'
      ) {
        throw new Error(
          `${event.requestContext.http.method} ${event.rawPath}?${event.rawQueryString}: ${status} ${JSON.stringify(body)}`,
        );
      }
      refusedCodes.set(error.code, (refusedCodes.get(error.code) ?? 0) + 1);
    },
    nothingChanges: async (work) => {
      const writes = api.writeRequests();
      const published = api.publisher.published.length;
      await work();
      expect(api.writeRequests()).toBe(writes);
      expect(api.publisher.published.length).toBe(published);
    },
  };
};

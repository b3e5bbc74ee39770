import fc from 'fast-check';
import type * as z from 'zod/mini';
import { makeHandler } from '../../../functions/warehouse-api/index.js';
import {
  adjustmentBody,
  dispatchBody,
  inboundBody,
  receiptBody,
} from '../../../shared/api/warehouse-schemas.js';
import { malformedBodies } from '../../shared/channels/webhook-fixtures.js';
import { handlerOnOwnTables } from '../../support/handler-on-own-tables.js';
import { httpEvent, lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { webhookTenant } from '../../support/webhook-requests.js';

/**
 * Malformed requests to the warehouse routes: each must get a 4xx with a machine-readable error,
 * never a 5xx, and write and publish nothing. One table serves every run; its item count is
 * compared once per route.
 */
const RUNS = 1000;
const TENANT = 'wh-fuzz';

const publisher = new InMemoryPublisher();
const warehouseApi = handlerOnOwnTables('warehouse-malformed', makeHandler, {
  publisher,
  tenants: [webhookTenant(TENANT)],
});

/** The dispatch body is optional: without one, everything allocated shipped. */
const BODY_ROUTES: Array<[path: string, schema: z.ZodMiniType, base: unknown]> = [
  [
    '/stock/receipts',
    receiptBody,
    { receiptId: 'R-1', warehouseId: 'main', lines: [{ sku: 'W-1', quantity: 3 }] },
  ],
  [
    '/stock/adjustments',
    adjustmentBody,
    { adjustmentId: 'A-1', warehouseId: 'main', lines: [{ sku: 'W-1', delta: -2 }], reason: 'Damaged' },
  ],
  [
    '/inbound',
    inboundBody,
    { inboundId: 'PO-1', warehouseId: 'main', sku: 'W-1', quantity: 10, eta: '2026-04-01T00:00:00Z' },
  ],
  ['/orders/o-1/dispatched', dispatchBody, { lines: [{ lineId: '1', quantity: 1 }] }],
];

/** Whether the route would take the body: that is no malformed request. */
const wellFormed = (path: string, schema: z.ZodMiniType, body: string | Uint8Array): boolean => {
  if (body.length === 0 && path.endsWith('/dispatched')) return true;
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  try {
    return schema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
};

const request = (path: string, body: string | Uint8Array, tenantId: string | null = TENANT) => {
  const event = httpEvent('POST', path, {
    ...(tenantId ? { tenantId } : {}),
    headers: { 'content-type': 'application/json' },
    ...(typeof body === 'string' ? { body } : {}),
  });
  return typeof body === 'string'
    ? event
    : { ...event, body: Buffer.from(body).toString('base64'), isBase64Encoded: true };
};

/** Sends one request and fails unless it was refused with a 4xx `{error: {code, message, details}}`. */
const expectRefused = async (event: ReturnType<typeof request>, seen: Map<string, number>) => {
  const response = await warehouseApi.handler(event, lambdaContext());
  const status = response.statusCode ?? 0;
  const answer = JSON.parse(String(response.body)) as { error?: { code?: unknown; message?: unknown } };
  if (
    status < 400 ||
    status > 499 ||
    typeof answer.error?.code !== 'string' ||
    typeof answer.error.message !== 'string'
  )
    throw new Error(`${response.statusCode}: ${response.body}`);
  seen.set(answer.error.code, (seen.get(answer.error.code) ?? 0) + 1);
};

const unchanged = async (work: () => Promise<void>) => {
  const items = (await warehouseApi.harness.readAll()).items.length;
  const published = publisher.published.length;
  await work();
  expect((await warehouseApi.harness.readAll()).items.length).toBe(items);
  expect(publisher.published.length).toBe(published);
};

it.each(BODY_ROUTES)(
  `POST %s: ${RUNS} malformed bodies, only 4xx, nothing written`,
  async (path, schema, base) => {
    const seen = new Map<string, number>();
    await unchanged(() =>
      fc.assert(
        fc.asyncProperty(malformedBodies(base), async (body) => {
          fc.pre(!wellFormed(path, schema, body));
          await expectRefused(request(path, body), seen);
        }),
        { numRuns: RUNS },
      ),
    );
    expect(seen.get('INVALID_INPUT')).toBe(RUNS);
  },
);

/** Order ids no order has, including ones no key could hold: overlong, binary, badly escaped. */
const orderIds = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }),
  fc.string({ minLength: 190, maxLength: 1500 }),
  fc.constantFrom('%', '%E0%A4%A', '..', '-BO1', 'o#1', ' '),
);

it.each(['fulfilment-started', 'dispatched'])(
  `POST /orders/{orderId}/%s: ${RUNS} unknown or malformed order ids with any body, only 4xx`,
  async (act) => {
    const seen = new Map<string, number>();
    const bodies = fc.oneof(fc.constant(''), malformedBodies({ lines: [{ lineId: '1', quantity: 1 }] }));
    await unchanged(() =>
      fc.assert(
        fc.asyncProperty(orderIds, bodies, async (orderId, body) => {
          // Keeps a `%` as sent, so that a broken escape reaches the handler as it would from a client.
          const segment = encodeURIComponent(orderId).replaceAll('%25', '%');
          await expectRefused(request(`/orders/${segment}/${act}`, body), seen);
        }),
        { numRuns: RUNS },
      ),
    );
    expect([...seen.keys()]).toEqual(expect.arrayContaining(['ORDER_NOT_FOUND', 'INVALID_INPUT']));
  },
);

it('without the authorizer context every route answers 401 and writes nothing', async () => {
  const seen = new Map<string, number>();
  await unchanged(async () => {
    for (const [path, , base] of BODY_ROUTES)
      await expectRefused(request(path, JSON.stringify(base), null), seen);
    await expectRefused(request('/orders/o-1/fulfilment-started', '', null), seen);
  });
  expect([...seen.entries()]).toEqual([['UNAUTHORIZED', BODY_ROUTES.length + 1]]);
});

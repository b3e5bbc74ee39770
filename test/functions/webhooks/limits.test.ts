import { makeHandler } from '../../../functions/webhooks/index.js';
import { INCOMING_DETAIL_SCHEMAS } from '../../../shared/events/incoming-events.js';
import { LIMITS } from '../../../shared/limits.js';
import { handlerOnOwnTables } from '../../support/handler-on-own-tables.js';
import { lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { signedWebhook, webhookEvent, webhookTenant } from '../../support/webhook-requests.js';

/**
 * The webhook edge takes only what can be carried to the end: every limit is tested at its
 * boundary (the maximum accepted, one more refused at once, nothing written).
 */
const publisher = new InMemoryPublisher();
const tenant = webhookTenant('limits');
const webhooks = handlerOnOwnTables('webhooks-limits', makeHandler, { publisher, tenants: [tenant] });

const genericOrder = (orderId: string, lines: number, sku = (i: number) => `SKU-${i}`) =>
  JSON.stringify({
    type: 'order.created',
    orderId,
    createdAt: '2026-03-02T10:00:00Z',
    lines: Array.from({ length: lines }, (_, i) => ({ lineId: String(i + 1), sku: sku(i), quantity: 1 })),
  });

const send = async (event: ReturnType<typeof signedWebhook>) => {
  const response = await webhooks.handler(event, lambdaContext());
  return { status: response.statusCode, body: JSON.parse(String(response.body)) };
};

const ordersStored = async () => (await webhooks.harness.readAll()).orders.length;

describe('delivery ids', () => {
  it.each([LIMITS.deliveryIdLength, LIMITS.deliveryIdLength + 1, 194, 200])(
    'a Shopify webhook id of %i characters gives an event id the allocator can read',
    async (length) => {
      const from = publisher.published.length;
      const shopify = JSON.stringify({
        id: 4_000_000 + length,
        created_at: '2026-03-02T10:00:00Z',
        line_items: [{ id: 1, sku: 'A', quantity: 1 }],
      });
      const answer = await send(
        signedWebhook(tenant, 'shopify', shopify, { 'X-Shopify-Webhook-Id': 'w'.repeat(length) }),
      );
      expect(answer.status).toBe(200);
      const [event] = publisher.published.slice(from);
      expect(INCOMING_DETAIL_SCHEMAS['Order Received'].safeParse(event?.detail).success).toBe(true);
    },
  );

  it('an Idempotency-Key of 200 characters on the generic format gives a readable event id', async () => {
    const from = publisher.published.length;
    const answer = await send(
      signedWebhook(tenant, 'orders', genericOrder('IK-200', 1), { 'Idempotency-Key': 'k'.repeat(200) }),
    );
    expect(answer.status).toBe(200);
    const [event] = publisher.published.slice(from);
    expect(INCOMING_DETAIL_SCHEMAS['Order Received'].safeParse(event?.detail).success).toBe(true);
  });
});

describe('order size', () => {
  it(`takes an order of ${LIMITS.orderLines} lines and refuses ${LIMITS.orderLines + 1} with 400`, async () => {
    expect(
      (await send(signedWebhook(tenant, 'orders', genericOrder('MAXLINES', LIMITS.orderLines)))).status,
    ).toBe(200);
    const stored = await ordersStored();
    const refused = await send(
      signedWebhook(tenant, 'orders', genericOrder('TOOMANY', LIMITS.orderLines + 1)),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(refused.body.error.details)).toContain(`${LIMITS.orderLines}`);
    expect(await ordersStored()).toBe(stored);
  });

  it(`refuses an order over ${LIMITS.orderBytes} bytes as stored with 413, nothing written`, async () => {
    const wide = (i: number) => `${String(i).padStart(4, '0')}-${'X'.repeat(190)}`;
    const stored = await ordersStored();
    const from = publisher.published.length;
    const refused = await send(signedWebhook(tenant, 'orders', genericOrder('WIDE', 400, wide)));
    expect(refused.status).toBe(413);
    expect(refused.body.error.details).toEqual(expect.objectContaining({ limit: 'orderBytes' }));
    expect(await ordersStored()).toBe(stored);
    expect(publisher.published.length).toBe(from);
  });

  it(`refuses a body over ${LIMITS.requestBodyBytes} bytes with 413 before reading it`, async () => {
    const body = `{"pad":"${'x'.repeat(LIMITS.requestBodyBytes)}"}`;
    const refused = await send(signedWebhook(tenant, 'orders', body));
    expect(refused.status).toBe(413);
    expect(refused.body.error.details).toEqual(expect.objectContaining({ limit: 'requestBodyBytes' }));
  });
});

it('answers a tenant id too long for any key with 401, as an unknown tenant', async () => {
  const longTenant = 'a'.repeat(2_100);
  const answer = await send(
    webhookEvent(longTenant, 'orders', genericOrder('LONG', 1), { 'X-Signature': 'x' }),
  );
  expect(answer).toEqual({
    status: 401,
    body: { error: expect.objectContaining({ code: 'INVALID_SIGNATURE' }) },
  });
});

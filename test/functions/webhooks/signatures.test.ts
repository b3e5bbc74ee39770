import { makeHandler } from '../../../functions/webhooks/index.js';
import { signWebhookBody } from '../../../shared/channels/signatures.js';
import type { WebhookChannel } from '../../../shared/domain/tenant.js';
import { fixtureText, SHOPIFY_DEVSTORE, signatureVectors } from '../../shared/channels/webhook-fixtures.js';
import { captureOutput } from '../../support/captured-output.js';
import { handlerOnOwnTables } from '../../support/handler-on-own-tables.js';
import { lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import {
  CHANNEL_HEADERS,
  SCHEME_OF,
  signatureHeaderOf,
  signedWebhook,
  webhookEvent,
  webhookTenant,
} from '../../support/webhook-requests.js';

const publisher = new InMemoryPublisher();
const tenant = webhookTenant('signatures');
const webhooks = handlerOnOwnTables('webhook-signatures', makeHandler, { publisher, tenants: [tenant] });

const CHANNELS: WebhookChannel[] = ['shopify', 'woocommerce', 'orders'];

/**
 * The bytes each platform sends: Shopify and WooCommerce send compact JSON with `/` escaped as
 * `\/` (which re-serialising in JavaScript undoes); the generic format is whatever the sender wrote.
 */
const wireBody = (channel: WebhookChannel): string => {
  if (channel === 'orders')
    return JSON.stringify({
      type: 'order.created',
      orderId: 'SIG-1',
      createdAt: '2026-03-02T10:00:00Z',
      customer: { email: 'signer@example.org' },
      lines: [{ lineId: '1', sku: 'SIG-SKU', quantity: 1 }],
    });
  const payload = JSON.parse(
    fixtureText(channel === 'shopify' ? SHOPIFY_DEVSTORE : 'woocommerce.order-created.rest-docs-v3.json'),
  ) as unknown;
  return JSON.stringify(payload).replaceAll('/', '\\/');
};

const secretOf = (channel: WebhookChannel) => tenant.webhookSecrets[channel] as string;
const validSignature = (channel: WebhookChannel, body: string) =>
  signWebhookBody(SCHEME_OF[channel], secretOf(channel), body);

/** Every secret the tenant has, as stored and as used (WooCommerce's is decoded first). */
const secretSpellings = Object.values(tenant.webhookSecrets).flatMap((secret) => [
  secret,
  secret.replace('&amp;', '&'),
]);

const flipOneBit = (signature: string): string => {
  const bytes = Buffer.from(signature, 'base64');
  bytes[7] = (bytes[7] as number) ^ 0b0000_0100;
  return bytes.toString('base64');
};

type Forgery = (channel: WebhookChannel) => { body: string; headers: Record<string, string> };

const withSignature =
  (sign: (channel: WebhookChannel, body: string) => string): Forgery =>
  (channel) => {
    const body = wireBody(channel);
    return { body, headers: { [signatureHeaderOf(channel)]: sign(channel, body) } };
  };

const FORGERIES: Array<[string, Forgery]> = [
  ['one flipped bit', withSignature((channel, body) => flipOneBit(validSignature(channel, body)))],
  [
    'a wrong secret',
    withSignature((channel, body) => signWebhookBody(SCHEME_OF[channel], `${secretOf(channel)}x`, body)),
  ],
  [
    "another channel's secret",
    withSignature((channel, body) =>
      signWebhookBody(SCHEME_OF[channel], secretOf(channel === 'shopify' ? 'orders' : 'shopify'), body),
    ),
  ],
  [
    'a hex digest instead of base64',
    withSignature((channel, body) => Buffer.from(validSignature(channel, body), 'base64').toString('hex')),
  ],
  ['a truncated header', withSignature((channel, body) => validSignature(channel, body).slice(0, 30))],
  [
    'the header without its padding',
    withSignature((channel, body) => validSignature(channel, body).replace(/=$/, '')),
  ],
  ['an empty header', withSignature(() => '')],
  ['no signature header', (channel) => ({ body: wireBody(channel), headers: {} })],
  [
    'a re-serialised body (same JSON, other bytes)',
    (channel) => {
      const signed = wireBody(channel);
      const body = JSON.stringify(JSON.parse(signed), null, 2);
      return { body, headers: { [signatureHeaderOf(channel)]: validSignature(channel, signed) } };
    },
  ],
  [
    'one byte of the body changed',
    (channel) => {
      const signed = wireBody(channel);
      const body = signed.replace('"quantity":1', '"quantity":9');
      return { body, headers: { [signatureHeaderOf(channel)]: validSignature(channel, signed) } };
    },
  ],
];

const extraHeaders = (channel: WebhookChannel): Record<string, string> => ({
  ...CHANNEL_HEADERS[channel],
  ...(channel === 'shopify' ? { 'X-Shopify-Webhook-Id': 'forged-delivery' } : {}),
});

/** The full table and what was published, which a refused webhook must leave exactly as they were. */
const snapshot = async () => ({
  items: (await webhooks.harness.readAll()).items,
  published: publisher.published.length,
});

describe.each(CHANNELS)('a webhook to /%s', (channel) => {
  it.each(FORGERIES)('with %s gets 401 and writes nothing', async (_name, forge) => {
    const { body, headers } = forge(channel);
    const before = await snapshot();
    const {
      result: response,
      logs,
      output,
    } = await captureOutput(() =>
      webhooks.handler(
        webhookEvent(tenant.tenantId, channel, body, { ...extraHeaders(channel), ...headers }),
        lambdaContext(),
      ),
    );
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(String(response.body))).toEqual({
      error: { code: 'INVALID_SIGNATURE', message: expect.any(String), details: {} },
    });
    expect(await snapshot()).toEqual(before);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'WARN',
        message: 'Webhook refused',
        reason: expect.stringMatching(/^(mismatch|malformed-header|missing-header)$/),
      }),
    );
    for (const secret of secretSpellings) expect(output).not.toContain(secret);
  });

  it('for a tenant that does not exist gets the same 401 and writes nothing', async () => {
    const body = wireBody(channel);
    const before = await snapshot();
    const { result: response, logs } = await captureOutput(() =>
      webhooks.handler(
        webhookEvent('no-such-tenant', channel, body, {
          ...extraHeaders(channel),
          [signatureHeaderOf(channel)]: validSignature(channel, body),
        }),
        lambdaContext(),
      ),
    );
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(String(response.body)).error.code).toBe('INVALID_SIGNATURE');
    expect(await snapshot()).toEqual(before);
    expect(logs).toContainEqual(
      expect.objectContaining({ message: 'Webhook refused', reason: 'unknown-tenant' }),
    );
  });

  it('signed with the tenant secret over the exact bytes is accepted once', async () => {
    const body = wireBody(channel);
    const event = signedWebhook(tenant, channel, body);
    const response = await webhooks.handler(event, lambdaContext());
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(String(response.body))).toEqual({ status: 'accepted', orderId: expect.any(String) });
    expect(publisher.published.at(-1)?.detailType).toBe('Order Received');

    const before = await snapshot();
    const repeat = await webhooks.handler(event, lambdaContext());
    expect(JSON.parse(String(repeat.body))).toMatchObject({ status: 'duplicate' });
    // Nothing is written; its order undecided, the same event goes out again (the first attempt
    // may have died before publishing it, and consumers drop repeats by event id).
    expect(await snapshot()).toEqual({ ...before, published: before.published + 1 });
    expect(publisher.published.at(-1)).toEqual(publisher.published.at(-2));
  });
});

describe('the published signature vectors, through the handler', () => {
  const vectors = signatureVectors();
  const vectorTenant = webhookTenant('vectors', {
    webhookSecrets: { shopify: 'test_secret_key', woocommerce: '', orders: 'unused' },
  });
  beforeAll(() => webhooks.wiring.directory.saveTenant(vectorTenant));

  const send = (vector: (typeof vectors)[number], headers: Record<string, string>) => {
    const channel: WebhookChannel = vector.provider;
    return webhooks.handler(
      webhookEvent(vectorTenant.tenantId, channel, vector.body, {
        ...(vector.headers ?? {}),
        ...(vector.signature ? { [signatureHeaderOf(channel)]: vector.signature } : {}),
        ...headers,
      }),
      lambdaContext(),
    );
  };

  it.each(vectors.filter((vector) => vector.provider === 'shopify'))(
    '$id: a valid signature passes the check and an invalid one gets 401, writing nothing',
    async (vector) => {
      const before = await snapshot();
      const response = await send(vector, {});
      if (vector.expectedValid) {
        // Past the signature: the vector's body is no order, and its topic (products/create) none this takes.
        expect(response.statusCode).toBe(400);
        expect(JSON.parse(String(response.body)).error.details.problem).toBe('unsupported-topic');
        const asOrder = await send(vector, { 'X-Shopify-Topic': 'orders/create' });
        expect(JSON.parse(String(asOrder.body)).error.details.problem).toBe('invalid-payload');
      } else {
        expect(response.statusCode).toBe(401);
      }
      expect(await snapshot()).toEqual(before);
    },
  );

  it.each(vectors.filter((vector) => vector.provider === 'woocommerce'))(
    '$id: signed with an empty secret, it is refused (an empty key would let anyone sign)',
    async (vector) => {
      expect(signWebhookBody('woocommerce', vector.secret, vector.body)).toBe(vector.signature);
      const before = await snapshot();
      const response = await send(vector, { 'X-WC-Webhook-Topic': 'order.created' });
      expect(response.statusCode).toBe(401);
      expect(await snapshot()).toEqual(before);
    },
  );
});

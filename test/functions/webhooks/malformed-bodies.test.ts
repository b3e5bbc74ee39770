import fc from 'fast-check';
import { makeHandler } from '../../../functions/webhooks/index.js';
import type { ChannelMappingOptions, WebhookRequest } from '../../../shared/channels/channel-message.js';
import { mapGenericOrder } from '../../../shared/channels/generic.js';
import { mapShopifyWebhook } from '../../../shared/channels/shopify.js';
import { mapWooCommerceWebhook } from '../../../shared/channels/woocommerce.js';
import type { WebhookChannel } from '../../../shared/domain/tenant.js';
import {
  fixtureText,
  malformedBodies,
  outcomeOf,
  SHOPIFY_DEVSTORE,
  WOOCOMMERCE_CREATED,
} from '../../shared/channels/webhook-fixtures.js';
import { handlerOnOwnTables } from '../../support/handler-on-own-tables.js';
import { lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { type Body, signedWebhook, webhookTenant } from '../../support/webhook-requests.js';

/**
 * Correctly signed webhooks whose bodies (or topics) the service cannot take: each must get a 4xx
 * with a machine-readable error, never a 5xx, and write and publish nothing. One table serves every
 * run; its item count is compared once per route, since a refusal never reaches the database.
 */
const RUNS = 1000;

const publisher = new InMemoryPublisher();
const tenant = webhookTenant('fuzz');
const webhooks = handlerOnOwnTables('webhooks-malformed', makeHandler, { publisher, tenants: [tenant] });

const GENERIC_ORDER = {
  type: 'order.created',
  orderId: 'FUZZ-1',
  createdAt: '2026-03-02T10:00:00Z',
  customer: { name: 'Ada Lovelace', email: 'ada@example.org' },
  priority: 1,
  shipBy: '2026-03-09T10:00:00Z',
  warehouseId: 'main',
  lines: [
    { lineId: '1', sku: 'FZ-1', quantity: 2, title: 'Widget' },
    { lineId: '2', sku: null, quantity: 1 },
  ],
};

const ROUTES: Record<
  WebhookChannel,
  {
    base: unknown;
    topics: { header: string; valid: string[] } | undefined;
    map: (request: WebhookRequest, options: ChannelMappingOptions) => unknown;
  }
> = {
  shopify: {
    base: JSON.parse(fixtureText(SHOPIFY_DEVSTORE)),
    topics: { header: 'X-Shopify-Topic', valid: ['orders/create', 'orders/updated', 'orders/cancelled'] },
    map: mapShopifyWebhook,
  },
  woocommerce: {
    base: JSON.parse(fixtureText(WOOCOMMERCE_CREATED)),
    topics: { header: 'X-WC-Webhook-Topic', valid: ['order.created', 'order.updated'] },
    map: mapWooCommerceWebhook,
  },
  orders: { base: GENERIC_ORDER, topics: undefined, map: mapGenericOrder },
};

/** Mostly a topic the route takes, so that the body is what is wrong; sometimes any other. */
const topicHeaders = (channel: WebhookChannel): fc.Arbitrary<Record<string, string>> => {
  const topics = ROUTES[channel].topics;
  if (!topics) return fc.constant({});
  return fc.oneof(
    { arbitrary: fc.constantFrom(...topics.valid).map((topic) => ({ [topics.header]: topic })), weight: 8 },
    { arbitrary: fc.string({ maxLength: 20 }).map((topic) => ({ [topics.header]: topic })), weight: 1 },
    { arbitrary: fc.constant({ [topics.header]: '' }), weight: 1 },
  );
};

const CHANNELS: WebhookChannel[] = ['shopify', 'woocommerce', 'orders'];

it.each(CHANNELS)(
  `signed but malformed /webhooks/{tenantId}/%s: ${RUNS} bodies, only 4xx, nothing written`,
  async (channel) => {
    const route = ROUTES[channel];
    const options = { channel, warehouseId: 'main', knownWarehouses: tenant.warehouses };
    const itemsBefore = (await webhooks.harness.readAll()).items.length;
    const publishedBefore = publisher.published.length;
    const problems = new Map<string, number>();

    await fc.assert(
      fc.asyncProperty(malformedBodies(route.base), topicHeaders(channel), async (body: Body, headers) => {
        // A mutation of a field the mapper never reads leaves a valid order: that is no malformed body.
        fc.pre(outcomeOf(() => route.map({ headers, body }, options)) === 'refused');
        const response = await webhooks.handler(
          signedWebhook(tenant, channel, body, headers),
          lambdaContext(),
        );
        const answer = JSON.parse(String(response.body)) as {
          error?: { code: string; details?: { problem?: string } };
        };
        const status = response.statusCode ?? 0;
        if (status < 400 || status > 499 || !answer.error)
          throw new Error(`${response.statusCode}: ${response.body}`);
        const problem = `${answer.error.code}:${answer.error.details?.problem ?? ''}`;
        problems.set(problem, (problems.get(problem) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );

    expect((await webhooks.harness.readAll()).items.length).toBe(itemsBefore);
    expect(publisher.published.length).toBe(publishedBefore);
    // The runs reached every kind of refusal, not one early exit.
    const expected = [
      'INVALID_INPUT:malformed-json',
      'INVALID_INPUT:invalid-payload',
      'INVALID_INPUT:unreadable-body',
    ];
    if (route.topics) expected.push('INVALID_INPUT:unsupported-topic');
    expect([...problems.keys()]).toEqual(expect.arrayContaining(expected));
    expect([...problems.values()].reduce((sum, count) => sum + count, 0)).toBe(RUNS);
  },
);

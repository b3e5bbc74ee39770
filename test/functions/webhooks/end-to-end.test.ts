import { makeHandler as makeAllocator } from '../../../functions/allocator/index.js';
import { makeHandler as makeEvents } from '../../../functions/events/index.js';
import { makeHandler as makeWarehouseApi } from '../../../functions/warehouse-api/index.js';
import { makeHandler as makeWebhooks } from '../../../functions/webhooks/index.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import type { SaleOrder } from '../../../shared/domain/order.js';
import type { WebhookChannel } from '../../../shared/domain/tenant.js';
import type { PublishableEvent } from '../../../shared/ports/event-publisher.js';
import {
  fixtureText,
  SHOPIFY_CANNED,
  SHOPIFY_DEVSTORE,
  WOOCOMMERCE_CREATED,
} from '../../shared/channels/webhook-fixtures.js';
import { captureOutput } from '../../support/captured-output.js';
import { eventBridgeEvent, queueMessagesOf } from '../../support/event-envelopes.js';
import { httpEvent, lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';
import { createRepositoryHarness, type RepositoryHarness } from '../../support/repository-harness.js';
import { signedWebhook, webhookTenant } from '../../support/webhook-requests.js';
import { wireHarness } from '../../support/wired-harness.js';

/**
 * The real channel payloads, end to end: webhook → inbox item and published `Order Received` →
 * the published event, in its EventBridge envelope, as a message of the allocator's queue → an
 * order allocated or Awaiting Stock as its stock dictates. Everything the handlers log meanwhile
 * is kept, to check that no secret or personal data reaches the logs.
 */
let harness: RepositoryHarness;
const publisher = new InMemoryPublisher();
let webhooks: ReturnType<typeof makeWebhooks>;
let allocator: ReturnType<typeof makeAllocator>;
let warehouse: ReturnType<typeof makeWarehouseApi>;
let eventsHandler: ReturnType<typeof makeEvents>;
const tenant = webhookTenant('fixtures');
let logged = '';

beforeAll(async () => {
  harness = await createRepositoryHarness('webhooks-end-to-end');
  const wiring = wireHarness(harness, { publisher });
  await wiring.directory.saveTenant(tenant);
  webhooks = makeWebhooks(() => wiring);
  allocator = makeAllocator(() => wiring);
  warehouse = makeWarehouseApi(() => wiring);
  eventsHandler = makeEvents(() => wiring);
}, 60_000);
afterAll(() => harness.drop());

/** Runs handlers with their log output kept for the last test. */
const logging = async <T>(work: () => Promise<T>): Promise<T> => {
  const { result, output } = await captureOutput(work);
  logged += output;
  return result;
};

const publishedDuring = async <T>(
  work: () => Promise<T>,
): Promise<{ result: T; events: PublishableEvent[] }> => {
  const from = publisher.published.length;
  const result = await logging(work);
  return { result, events: publisher.published.slice(from) };
};

const receiveStock = (receiptId: string, lines: Array<{ sku: string; quantity: number }>) =>
  logging(async () => {
    const response = await warehouse(
      httpEvent('POST', '/stock/receipts', {
        tenantId: tenant.tenantId,
        body: JSON.stringify({ receiptId, warehouseId: 'main', lines }),
      }),
      lambdaContext('warehouse-api'),
    );
    expect(response.statusCode).toBe(200);
    return JSON.parse(String(response.body)) as { orders: Array<{ orderId: string; status: string }> };
  });

/**
 * Delivers a signed webhook and checks what the webhook step owes: a 200, the incoming event kept
 * in an inbox item (on the sweep's intake listing, not on the outbox) and exactly one `Order Received`
 * on the bus.
 */
const deliver = async (channel: WebhookChannel, body: string, headers: Record<string, string> = {}) => {
  const { result: response, events } = await publishedDuring(() =>
    webhooks(signedWebhook(tenant, channel, body, headers), lambdaContext('webhooks')),
  );
  expect(response.statusCode).toBe(200);
  const answer = JSON.parse(String(response.body)) as { status: string; orderId: string };
  expect(answer.status).toBe('accepted');
  expect(events).toEqual([
    {
      detailType: 'Order Received',
      detail: expect.objectContaining({
        tenantId: tenant.tenantId,
        orderId: answer.orderId,
        order: expect.objectContaining({ orderId: answer.orderId, warehouseId: 'main', channel }),
      }),
    },
  ]);
  const inbox = (await harness.readAll()).items.filter(
    (item) => item.entity === 'inbox' && item.orderId === answer.orderId,
  );
  expect(inbox).toEqual([
    expect.objectContaining({ events: events, timerPk: expect.stringMatching(/^INTAKE#/) }),
  ]);
  expect(inbox[0]).not.toHaveProperty('outboxPk');
  return { orderId: answer.orderId, received: events };
};

/** Feeds published events to the allocator as its queue delivers them. */
const allocate = async (events: PublishableEvent[]) => {
  const { result, events: published } = await publishedDuring(() =>
    allocator(queueMessagesOf(events), lambdaContext('allocator')),
  );
  expect(result).toEqual({ batchItemFailures: [] });
  return published;
};

/**
 * A cancellation webhook: its `Order Cancelled` goes over the bus to the events handler, which
 * must leave the order Cancelled with nothing allocated.
 */
const cancelThroughTheBus = async (
  channel: WebhookChannel,
  body: string,
  orderId: string,
  headers: Record<string, string> = {},
) => {
  const { result: response, events } = await publishedDuring(() =>
    webhooks(signedWebhook(tenant, channel, body, headers), lambdaContext('webhooks')),
  );
  expect(JSON.parse(String(response.body))).toEqual({ status: 'accepted', orderId });
  expect(events.map((event) => event.detailType)).toEqual(['Order Cancelled']);
  const cancelled = events[0] as PublishableEvent;
  const outcome = await logging(() => eventsHandler(eventBridgeEvent(cancelled), lambdaContext('events')));
  expect(outcome).toEqual({ outcome: 'applied' });
  const order = await storedOrder(orderId);
  expect(order.status).toBe('Cancelled');
  expect(order.lines.every((line) => line.allocated === 0)).toBe(true);
  return cancelled;
};

const storedOrder = async (orderId: string): Promise<SaleOrder> => {
  const state = await harness.readAll();
  expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
  const order = state.orders.find((candidate) => candidate.orderId === orderId);
  if (!order) throw new Error(`${orderId} was not stored`);
  return order;
};

const linesOf = (order: SaleOrder) =>
  order.lines.map(({ lineId, sku, quantity, allocated }) => ({ lineId, sku, quantity, allocated }));

describe('Shopify orders/create from a development store', () => {
  it('is allocated when its SKU is on hand', async () => {
    await receiveStock('R-hosted', [{ sku: 'sku-hosted-1', quantity: 1 }]);
    const { orderId, received } = await deliver('shopify', fixtureText(SHOPIFY_DEVSTORE));
    expect(orderId).toBe('shopify-5324830114101');

    const outgoing = await allocate(received);
    const order = await storedOrder(orderId);
    expect(order).toMatchObject({
      status: 'ReadyToPick',
      channel: 'shopify',
      channelOrderId: '5324830114101',
    });
    expect(linesOf(order)).toEqual([
      { lineId: '13925006311734', sku: 'sku-hosted-1', quantity: 1, allocated: 1 },
    ]);
    expect(
      outgoing.map((event) => [event.detailType, (event.detail as { orderId?: string }).orderId]),
    ).toEqual([['Order Allocated', orderId]]);
  });

  it('repeated (same X-Shopify-Webhook-Id), and its message redelivered, changes nothing', async () => {
    const body = fixtureText(SHOPIFY_DEVSTORE);
    const headers = { 'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' };
    const first = await logging(() =>
      webhooks(signedWebhook(tenant, 'shopify', body, headers), lambdaContext()),
    );
    // Another delivery of an order already taken: accepted as an event, a duplicate for the allocator.
    expect(JSON.parse(String(first.body)).status).toBe('accepted');
    const received = publisher.published.slice(-1);
    const before = { items: (await harness.readAll()).items, published: publisher.published.length };

    const repeat = await logging(() =>
      webhooks(signedWebhook(tenant, 'shopify', body, headers), lambdaContext()),
    );
    expect(repeat.statusCode).toBe(200);
    expect(JSON.parse(String(repeat.body)).status).toBe('duplicate');
    expect(await allocate(received)).toEqual([]);
    expect({ items: (await harness.readAll()).items, published: publisher.published.length }).toEqual(before);
  });
});

describe("Shopify's canned test notification", () => {
  it('keeps ids beyond the safe integer range exact, and waits for what is short', async () => {
    await receiveStock('R-ipod-1', [{ sku: 'IPOD2008PINK', quantity: 1 }]);
    const { orderId, received } = await deliver('shopify', fixtureText(SHOPIFY_CANNED));
    expect(orderId).toBe('shopify-820982911946154508');

    const outgoing = await allocate(received);
    const order = await storedOrder(orderId);
    expect(order.status).toBe('AwaitingStock');
    expect(linesOf(order)).toEqual([
      { lineId: '866550311766439020', sku: 'IPOD2008PINK', quantity: 1, allocated: 1 },
      { lineId: '141249953214522974', sku: 'IPOD2008PINK', quantity: 1, allocated: 0 },
    ]);
    expect(outgoing.map((event) => event.detailType)).toEqual(['Order Awaiting Stock']);

    const answer = await receiveStock('R-ipod-2', [{ sku: 'IPOD2008PINK', quantity: 1 }]);
    expect(answer.orders).toContainEqual({ orderId, status: 'ReadyToPick' });
    expect((await storedOrder(orderId)).status).toBe('ReadyToPick');
  });
});

describe('WooCommerce order.created', () => {
  it('waits for its SKU, and keeps the line without a SKU without ever allocating it', async () => {
    const { orderId, received } = await deliver('woocommerce', fixtureText(WOOCOMMERCE_CREATED));
    expect(orderId).toBe('woocommerce-727');

    expect((await allocate(received)).map((event) => event.detailType)).toEqual(['Order Awaiting Stock']);
    const waiting = await storedOrder(orderId);
    expect(waiting.status).toBe('AwaitingStock');
    expect(linesOf(waiting)).toEqual([
      { lineId: '315', sku: null, quantity: 2, allocated: 0 },
      { lineId: '316', sku: 'Bar3', quantity: 1, allocated: 0 },
    ]);
    expect(waiting.notes).toContainEqual(expect.stringContaining('Line 315 is not stock-managed'));

    await receiveStock('R-bar3', [{ sku: 'Bar3', quantity: 5 }]);
    const ready = await storedOrder(orderId);
    expect(ready.status).toBe('ReadyToPick');
    expect(linesOf(ready)).toEqual([
      { lineId: '315', sku: null, quantity: 2, allocated: 0 },
      { lineId: '316', sku: 'Bar3', quantity: 1, allocated: 1 },
    ]);
  });
});

describe('the generic order format', () => {
  const genericOrder = {
    type: 'order.created',
    orderId: 'ERP-20260302-0042',
    createdAt: '2026-03-02T11:15:00+01:00',
    customer: {
      id: 'C-981',
      name: 'Grace Hopper',
      email: 'grace.hopper@example.net',
      phone: '+44 20 7946 0958',
    },
    priority: 5,
    lines: [
      { lineId: 'L1', sku: 'GEN-WIDGET', quantity: 3, title: 'Widget' },
      { lineId: 'L2', sku: null, quantity: 1, title: 'Gift wrapping' },
      { lineId: 'L3', sku: '', quantity: 1, title: 'Handwritten card' },
    ],
  };

  it('allocates what is on hand and waits for the rest; lines without a SKU are kept, never allocated', async () => {
    await receiveStock('R-widget', [{ sku: 'GEN-WIDGET', quantity: 2 }]);
    const { orderId, received } = await deliver('orders', JSON.stringify(genericOrder));
    expect(orderId).toBe('orders-ERP-20260302-0042');

    await allocate(received);
    const order = await storedOrder(orderId);
    expect(order).toMatchObject({
      status: 'AwaitingStock',
      createdAt: '2026-03-02T10:15:00.000Z',
      priority: 5,
    });
    expect(linesOf(order)).toEqual([
      { lineId: 'L1', sku: 'GEN-WIDGET', quantity: 3, allocated: 2 },
      { lineId: 'L2', sku: null, quantity: 1, allocated: 0 },
      { lineId: 'L3', sku: null, quantity: 1, allocated: 0 },
    ]);

    await receiveStock('R-widget-2', [{ sku: 'GEN-WIDGET', quantity: 1 }]);
    const ready = await storedOrder(orderId);
    expect(ready.status).toBe('ReadyToPick');
    expect(ready.lines.filter((line) => line.sku === null).map((line) => line.allocated)).toEqual([0, 0]);
  });

  it('cancelled by the channel, through the bus, releases its stock to the next waiting order', async () => {
    const next = { ...genericOrder, orderId: 'ERP-20260302-0043', createdAt: '2026-03-02T12:00:00Z' };
    const { orderId: nextId, received } = await deliver('orders', JSON.stringify(next));
    await allocate(received);
    expect((await storedOrder(nextId)).status).toBe('AwaitingStock');

    const cancel = { ...genericOrder, type: 'order.cancelled' };
    await cancelThroughTheBus('orders', JSON.stringify(cancel), 'orders-ERP-20260302-0042');
    expect((await storedOrder(nextId)).status).toBe('ReadyToPick');
  });
});

describe("Shopify's canned notification as orders/cancelled", () => {
  it('cancels the order and releases what it held', async () => {
    const orderId = 'shopify-820982911946154508';
    expect((await storedOrder(orderId)).status).toBe('ReadyToPick');
    const cancelled = await cancelThroughTheBus('shopify', fixtureText(SHOPIFY_CANNED), orderId, {
      'X-Shopify-Topic': 'orders/cancelled',
    });
    expect(cancelled.detail).toMatchObject({ reason: 'customer' });
    const state = await harness.readAll();
    expect(state.stock.find((level) => level.sku === 'IPOD2008PINK')).toMatchObject({
      onHand: 2,
      allocated: 0,
    });
  });
});

/** Every email, phone number and address line in a payload, wherever it sits. */
const personalData = (value: unknown, key = ''): string[] => {
  if (Array.isArray(value)) return value.flatMap((item) => personalData(item, key));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([name, item]) => personalData(item, name));
  return typeof value === 'string' && value.trim().length >= 5 && /email|phone|address/i.test(key)
    ? [value.trim()]
    : [];
};

describe('the logs of every run above', () => {
  it('left no webhook secret, email, phone number or address in the logs', () => {
    const payloads = [SHOPIFY_DEVSTORE, SHOPIFY_CANNED, WOOCOMMERCE_CREATED].map(
      (file) => JSON.parse(fixtureText(file)) as unknown,
    );
    const customerData = [
      ...payloads.flatMap((payload) => personalData(payload)),
      'grace.hopper@example.net',
      '+44 20 7946 0958',
    ];
    expect(customerData).toEqual(
      expect.arrayContaining(['jon@doe.ca', '123 Shipping Street', 'john.doe@example.com', '(555) 555-5555']),
    );
    const secrets = Object.values(tenant.webhookSecrets).flatMap((secret) => [
      secret,
      secret.replace('&amp;', '&'),
    ]);

    const lines = logged.split('\n').filter((line) => line.startsWith('{'));
    expect(lines.filter((line) => line.includes('"Webhook accepted"')).length).toBeGreaterThanOrEqual(6);
    for (const text of [...customerData, ...secrets])
      expect({ text, found: logged.includes(text) }).toEqual({ text, found: false });
  });
});

import type { SaleOrder } from '../../../shared/domain/order.js';
import { fixtureText, SHOPIFY_DEVSTORE } from '../../shared/channels/webhook-fixtures.js';
import { channelService } from '../../support/channel-service.js';
import { readChecked } from '../../support/stored-state.js';
import { webhookTenant } from '../../support/webhook-requests.js';

/**
 * Channel traffic as it really arrives (DESIGN §10), through the webhook handler with the real
 * payloads: topics checked against the signed body, versions, repeats, changes before their order,
 * routine updates of orders that cannot change.
 */
const tenant = webhookTenant('traffic');
const service = channelService('channel-traffic', tenant);

describe('the signed body decides', () => {
  it('refuses orders/cancelled whose body is not cancelled with 400, writing and publishing nothing', async () => {
    const before = (await service.harness.readAll()).items.length;
    const answer = await service.deliver('shopify', fixtureText(SHOPIFY_DEVSTORE), {
      'X-Shopify-Topic': 'orders/cancelled',
      'X-Shopify-Webhook-Id': 'replayed-as-cancel',
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'INVALID_INPUT',
      details: { problem: 'topic-contradicts-body' },
    });
    expect(answer.accepted).toEqual([]);
    expect((await service.harness.readAll()).items.length).toBe(before);
  });
});

/** The development store's orders/create, as order `id` at `version` with these line quantities. */
const shopifyOrder = (
  id: number,
  minute: number,
  quantities: number[],
  extra: { cancelled?: boolean; sku?: string } = {},
): string => {
  const base = JSON.parse(fixtureText(SHOPIFY_DEVSTORE)) as {
    line_items: Array<Record<string, unknown>>;
  } & Record<string, unknown>;
  const [line] = base.line_items;
  return JSON.stringify({
    ...base,
    id,
    updated_at: `2026-03-24T12:${String(minute).padStart(2, '0')}:00-04:00`,
    cancelled_at: extra.cancelled ? `2026-03-24T12:${String(minute).padStart(2, '0')}:00-04:00` : null,
    cancel_reason: extra.cancelled ? 'customer' : null,
    line_items: quantities.map((quantity, index) => ({
      ...line,
      id: 900 + index,
      sku: `${extra.sku ?? 'TRAFFIC'}-${index + 1}`,
      quantity: Math.max(quantity, 1),
      current_quantity: quantity,
    })),
  });
};

const TOPIC = { create: 'orders/create', update: 'orders/updated', cancel: 'orders/cancelled' } as const;
type Delivery = { topic: keyof typeof TOPIC; body: string; webhookId: string };

const send = (delivery: Delivery) =>
  service.deliverAndApply('shopify', delivery.body, {
    'X-Shopify-Topic': TOPIC[delivery.topic],
    'X-Shopify-Webhook-Id': delivery.webhookId,
  });

const stored = async (orderId: string) => {
  const state = await readChecked(service.harness, tenant.tenantId);
  const family = state.orders.filter((order) => order.orderId.startsWith(orderId));
  return { state, family };
};

const familyLines = (family: readonly SaleOrder[]) => {
  const totals = new Map<string, number>();
  for (const order of family)
    for (const line of order.lines) totals.set(line.lineId, (totals.get(line.lineId) ?? 0) + line.quantity);
  return Object.fromEntries([...totals].sort());
};

const receive = async (sku: string, quantity: number) => {
  const answer = await service.warehouse('POST', '/stock/receipts', {
    receiptId: `r-${sku}-${Math.random()}`,
    warehouseId: 'main',
    lines: [{ sku, quantity }],
  });
  expect(answer.statusCode).toBe(200);
};

describe('channel versions', () => {
  it('answers an update older than the one kept {"status":"stale"}, and keeps nothing of it', async () => {
    await receive('STALE-1', 10);
    await send({ topic: 'create', body: shopifyOrder(7001, 0, [5], { sku: 'STALE' }), webhookId: 's-0' });
    const newer = await send({
      topic: 'update',
      body: shopifyOrder(7001, 20, [2], { sku: 'STALE' }),
      webhookId: 's-2',
    });
    expect(newer.body.status).toBe('accepted');
    const before = (await service.harness.readAll()).items.length;
    const older = await send({
      topic: 'update',
      body: shopifyOrder(7001, 10, [4], { sku: 'STALE' }),
      webhookId: 's-1',
    });
    expect(older).toMatchObject({ statusCode: 200, body: { status: 'stale' }, accepted: [] });
    expect((await service.harness.readAll()).items.length).toBe(before);
    expect(familyLines((await stored('shopify-7001')).family)).toEqual({ '900': 2 });
  });

  it('knows a repeat with a new webhook id by its version and content', async () => {
    const body = shopifyOrder(7001, 20, [2], { sku: 'STALE' });
    const again = await send({ topic: 'update', body, webhookId: 's-2-resent' });
    expect(again.body.status).toBe('duplicate');
  });
});

describe('changes that arrive before their order', () => {
  it('an update is kept and taken when the order arrives', async () => {
    await receive('EARLY-1', 10);
    const update = await send({
      topic: 'update',
      body: shopifyOrder(7101, 5, [3], { sku: 'EARLY' }),
      webhookId: 'e-1',
    });
    expect(update.body.status).toBe('accepted');
    await send({ topic: 'create', body: shopifyOrder(7101, 0, [6], { sku: 'EARLY' }), webhookId: 'e-0' });
    const { family, state } = await stored('shopify-7101');
    expect(
      family.map((order) => [order.status, ...order.lines.map((line) => [line.quantity, line.allocated])]),
    ).toEqual([['ReadyToPick', [3, 3]]]);
    expect(state.stock.find((level) => level.sku === 'EARLY-1')).toMatchObject({ onHand: 10, allocated: 3 });
  });

  it('a cancelled order is created Cancelled and takes no stock', async () => {
    await receive('GONE-1', 10);
    await send({
      topic: 'cancel',
      body: shopifyOrder(7201, 5, [3], { sku: 'GONE', cancelled: true }),
      webhookId: 'g-1',
    });
    await send({ topic: 'create', body: shopifyOrder(7201, 0, [3], { sku: 'GONE' }), webhookId: 'g-0' });
    const { family, state } = await stored('shopify-7201');
    expect(family.map((order) => order.status)).toEqual(['Cancelled']);
    expect(state.stock.find((level) => level.sku === 'GONE-1')).toMatchObject({ onHand: 10, allocated: 0 });
  });
});

describe('routine updates of an order that cannot change', () => {
  it('a picked order keeps its lines; the change is recorded as refused and announced, never thrown', async () => {
    await receive('PICK-1', 10);
    await send({ topic: 'create', body: shopifyOrder(7301, 0, [2], { sku: 'PICK' }), webhookId: 'p-0' });
    const picked = await service.warehouse('POST', '/orders/shopify-7301/fulfilment-started', {});
    expect(picked.statusCode).toBe(200);
    const from = service.publisher.published.length;
    await send({ topic: 'update', body: shopifyOrder(7301, 5, [1], { sku: 'PICK' }), webhookId: 'p-1' });
    // A tag or note change: the same lines again, nothing written.
    const quiet = (await service.harness.readAll()).items.length;
    await send({ topic: 'update', body: shopifyOrder(7301, 6, [1], { sku: 'PICK' }), webhookId: 'p-2' });
    const { family } = await stored('shopify-7301');
    expect(family.map((order) => [order.status, order.lines.map((line) => line.quantity)])).toEqual([
      ['InFulfilment', [2]],
    ]);
    const refused = service.publisher.published
      .slice(from)
      .filter((event) => event.detailType === 'Order Change Refused');
    expect(refused).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({ orderId: 'shopify-7301', change: 'update' }),
      }),
    ]);
    // The second update kept its (newer) version beside the order, and nothing else.
    expect((await service.harness.readAll()).items.length).toBe(quiet + 1);
  });
});

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
// Short orders split, as in the scenario; every other order here has its stock.
const service = channelService('channel-traffic', tenant, { tenant: { onShortage: 'split' } });

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

describe('a family whose backorder merged into its parent (DESIGN §14)', () => {
  it('takes a change of SKU on the parent that now holds every unit, and knows it again when resent', async () => {
    await receive('MERGE-1', 3);
    await receive('MOVED-1', 5);
    const id = 7401;
    await send({ topic: 'create', body: shopifyOrder(id, 0, [5], { sku: 'MERGE' }), webhookId: 'm-0' });
    await receive('MERGE-1', 2);
    expect((await stored(`shopify-${id}`)).family.map((order) => order.status)).toEqual([
      'ReadyToPick',
      'Merged',
    ]);
    const from = service.publisher.published.length;
    const moved = shopifyOrder(id, 5, [5], { sku: 'MOVED' });
    const first = await send({ topic: 'update', body: moved, webhookId: 'm-1' });
    const again = await send({ topic: 'update', body: moved, webhookId: 'm-1-resent' });
    expect([first.body.status, again.body.status]).toEqual(['accepted', 'duplicate']);
    const { family, state } = await stored(`shopify-${id}`);
    expect(
      family.map((order) => [order.status, order.lines.map((line) => [line.sku, line.quantity])]),
    ).toEqual([
      ['ReadyToPick', [['MOVED-1', 5]]],
      ['Merged', [['MERGE-1', 0]]],
    ]);
    expect(state.stock.find((level) => level.sku === 'MOVED-1')).toMatchObject({ allocated: 5 });
    const published = service.publisher.published.slice(from).map((event) => event.detailType);
    expect(published).not.toContain('Order Change Refused');
    await readChecked(service.harness, tenant.tenantId, new Map([[`shopify-${id}`, new Map([['900', 5]])]]));
  });
});

const permutations = <T>(items: readonly T[]): T[][] =>
  items.length <= 1
    ? [[...items]]
    : items.flatMap((item, index) =>
        permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
      );

/**
 * The family as the channel would see it: cancelled (which lines a cancelled order kept does not
 * matter: nothing of it ships), or per line the units across its members; and the stock it holds.
 */
const outcomeOf = (family: readonly SaleOrder[]) => {
  const cancelled = family.every((order) => order.status === 'Cancelled');
  const held = family.reduce(
    (sum, order) => sum + order.lines.reduce((units, line) => units + line.allocated, 0),
    0,
  );
  return { cancelled, ...(cancelled ? {} : { lines: familyLines(family) }), held };
};

describe('every delivery order of one order converges to the in-order result', () => {
  const sequences: Array<[string, (id: number) => Delivery[]]> = [
    [
      'create, update, update, cancel',
      (id) => [
        { topic: 'create', body: shopifyOrder(id, 0, [4, 2], { sku: 'PERM' }), webhookId: `${id}-0` },
        { topic: 'update', body: shopifyOrder(id, 10, [3, 2], { sku: 'PERM' }), webhookId: `${id}-1` },
        { topic: 'update', body: shopifyOrder(id, 20, [3, 0], { sku: 'PERM' }), webhookId: `${id}-2` },
        {
          topic: 'cancel',
          body: shopifyOrder(id, 30, [3, 0], { sku: 'PERM', cancelled: true }),
          webhookId: `${id}-3`,
        },
      ],
    ],
    [
      'create, update, update, update (5 → 3 → 5 included)',
      (id) => [
        { topic: 'create', body: shopifyOrder(id, 0, [5, 1], { sku: 'PERM' }), webhookId: `${id}-0` },
        { topic: 'update', body: shopifyOrder(id, 10, [3, 1], { sku: 'PERM' }), webhookId: `${id}-1` },
        { topic: 'update', body: shopifyOrder(id, 20, [5, 2], { sku: 'PERM' }), webhookId: `${id}-2` },
        { topic: 'update', body: shopifyOrder(id, 30, [5, 0], { sku: 'PERM' }), webhookId: `${id}-3` },
      ],
    ],
  ];

  it.each(sequences)(
    '%s: all 24 orders of delivery',
    async (_, deliveries) => {
      await receive('PERM-1', 1000);
      await receive('PERM-2', 1000);
      let id = 8000 + Math.floor(Math.random() * 900) * 30;
      const inOrder = deliveries(id);
      for (const delivery of inOrder) await send(delivery);
      const expected = outcomeOf((await stored(`shopify-${id}`)).family);
      const seen = new Map<string, number>();
      for (const order of permutations([0, 1, 2, 3])) {
        id += 1;
        const own = deliveries(id);
        for (const index of order) {
          const answer = await send(own[index] as Delivery);
          expect(answer.statusCode).toBe(200);
          seen.set(String(answer.body.status), (seen.get(String(answer.body.status)) ?? 0) + 1);
        }
        expect(outcomeOf((await stored(`shopify-${id}`)).family)).toEqual(expected);
      }
      // Out-of-order deliveries did happen: some were answered stale.
      expect(seen.get('stale')).toBeGreaterThan(0);
      expect([...seen.keys()].every((status) => ['accepted', 'stale', 'duplicate'].includes(status))).toBe(
        true,
      );
    },
    120_000,
  );
});

describe('done when: a split Shopify order updated five times, picked, and updated again', () => {
  it("ends with the channel's final quantities and every invariant holding", async () => {
    await receive('DONE-1', 3);
    const id = 7901;
    const body = (minute: number, quantities: number[]) =>
      shopifyOrder(id, minute, quantities, { sku: 'DONE' });
    await send({ topic: 'create', body: body(0, [5]), webhookId: 'd-0' });
    expect((await stored(`shopify-${id}`)).family.map((order) => order.orderId)).toEqual([
      `shopify-${id}`,
      `shopify-${id}-BO1`,
    ]);
    const answers = [];
    answers.push(await send({ topic: 'update', body: body(10, [7]), webhookId: 'd-1' }));
    answers.push(await send({ topic: 'update', body: body(30, [4]), webhookId: 'd-3' }));
    answers.push(await send({ topic: 'update', body: body(20, [9]), webhookId: 'd-2' })); // late: stale
    answers.push(await send({ topic: 'update', body: body(40, [4]), webhookId: 'd-4' })); // unchanged lines
    answers.push(await send({ topic: 'update', body: body(50, [6]), webhookId: 'd-5' }));
    expect(answers.map((answer) => answer.body.status)).toEqual([
      'accepted',
      'accepted',
      'stale',
      'accepted',
      'accepted',
    ]);
    expect(familyLines((await stored(`shopify-${id}`)).family)).toEqual({ '900': 6 });

    const picked = await service.warehouse('POST', `/orders/shopify-${id}/fulfilment-started`, {});
    expect(picked.statusCode).toBe(200);
    const after = await send({ topic: 'update', body: body(55, [4]), webhookId: 'd-6' });
    expect(after.body.status).toBe('accepted');
    const { family } = await stored(`shopify-${id}`);
    expect(familyLines(family)).toEqual({ '900': 4 });
    expect(family.map((order) => [order.orderId, order.status])).toEqual([
      [`shopify-${id}`, 'InFulfilment'],
      [`shopify-${id}-BO1`, 'AwaitingStock'],
    ]);
    const originals = new Map([[`shopify-${id}`, new Map([['900', 4]])]]);
    await readChecked(service.harness, tenant.tenantId, originals);
  });
});

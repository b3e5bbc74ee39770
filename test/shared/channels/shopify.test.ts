import fc from 'fast-check';
import { parseJsonKeepingBigIntegers } from '../../../shared/channels/lossless-json.js';
import { mapShopifyWebhook } from '../../../shared/channels/shopify.js';
import { incomingOrderSchema } from '../../../shared/domain/inputs.js';
import {
  expectTakeable,
  fixtureText,
  malformedBodies,
  outcomeOf,
  refusalOf,
  SHOPIFY_CANNED,
  SHOPIFY_DEVSTORE,
} from './webhook-fixtures.js';

const ROUTING = { warehouseId: 'main' };
const devstore = fixtureText(SHOPIFY_DEVSTORE);
const canned = fixtureText(SHOPIFY_CANNED);

const deliver = (body: string | Uint8Array, topic = 'orders/create', extra: Record<string, string> = {}) => ({
  headers: {
    'x-shopify-topic': topic,
    'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    ...extra,
  },
  body,
});

interface EditableLine {
  id: unknown;
  sku?: string | null;
  quantity?: unknown;
  current_quantity?: number;
  gift_card?: boolean;
  name?: string;
}
interface EditableOrder {
  cancelled_at: string | null;
  created_at: string;
  note_attributes: Array<{ name: string; value: unknown }>;
  line_items: [EditableLine, EditableLine, ...EditableLine[]];
}

/** The canned order with `edit` applied; its big ids survive as strings, which Shopify's schema accepts. */
const cannedWith = (edit: (order: EditableOrder) => void): string => {
  const order = parseJsonKeepingBigIntegers(canned) as EditableOrder;
  edit(order);
  return JSON.stringify(order);
};

describe('mapShopifyWebhook', () => {
  it('maps the development store orders/create end to end', () => {
    expect(mapShopifyWebhook(deliver(devstore), ROUTING)).toEqual({
      kind: 'received',
      deliveryId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      // The channel's version of the order: updated_at, in UTC.
      version: '2023-03-24T16:37:27.000Z',
      order: {
        orderId: 'shopify-5324830114101',
        warehouseId: 'main',
        channel: 'shopify',
        channelOrderId: '5324830114101',
        customer: {},
        createdAt: '2023-03-24T16:37:26.000Z',
        lines: [
          { lineId: '13925006311734', sku: 'sku-hosted-1', quantity: 1, title: 'The 3p Fulfilled Snowboard' },
        ],
        notes: ['Shopify order #1010.'],
        channelVersion: '2023-03-24T16:37:27.000Z',
      },
    });
  });

  it('maps the canned order with its ids beyond the safe integer range exact', () => {
    const message = mapShopifyWebhook(deliver(canned), ROUTING);
    expect(message.kind).toBe('received');
    expect(message.order).toEqual({
      orderId: 'shopify-820982911946154508',
      warehouseId: 'main',
      channel: 'shopify',
      channelOrderId: '820982911946154508',
      customer: { id: '115310627314723954', name: 'John Smith', email: 'jon@doe.ca' },
      createdAt: '2019-06-04T17:53:06.000Z',
      lines: [
        { lineId: '866550311766439020', sku: 'IPOD2008PINK', quantity: 1, title: 'IPod Nano - 8GB' },
        { lineId: '141249953214522974', sku: 'IPOD2008PINK', quantity: 1, title: 'IPod Nano - 8GB' },
      ],
      notes: ['Shopify order #9999.', 'Shopify marked this as a test order.'],
      channelVersion: '2019-06-04T17:53:06.000Z',
    });
    expect(incomingOrderSchema.safeParse(message.order).success).toBe(true);
  });

  it('takes the kind from X-Shopify-Topic, and an update of a cancelled order as its cancellation', () => {
    const live = cannedWith((order) => {
      order.cancelled_at = null;
    });
    expect(mapShopifyWebhook(deliver(live, 'orders/updated'), ROUTING).kind).toBe('updated');
    expect(mapShopifyWebhook(deliver(canned, 'orders/updated'), ROUTING)).toMatchObject({
      kind: 'cancelled',
      cancelReason: 'customer',
    });
    expect(mapShopifyWebhook(deliver(canned, 'orders/cancelled'), ROUTING)).toMatchObject({
      kind: 'cancelled',
      cancelReason: 'customer',
    });
    expect(mapShopifyWebhook(deliver(canned, 'ORDERS/CREATE'), ROUTING).kind).toBe('received');
  });

  it('refuses orders/cancelled when the signed body says the order is not cancelled', () => {
    // Shopify signs the body, not the headers: a captured orders/create re-sent as orders/cancelled.
    const refusal = refusalOf(() => mapShopifyWebhook(deliver(devstore, 'orders/cancelled'), ROUTING));
    expect(refusal.code).toBe('INVALID_INPUT');
    expect(refusal.details).toMatchObject({ problem: 'topic-contradicts-body' });
    // The converse holds: a body that is cancelled cancels, whichever of the two topics carries it.
    for (const topic of ['orders/cancelled', 'orders/updated'])
      expect(mapShopifyWebhook(deliver(canned, topic), ROUTING).kind).toBe('cancelled');
  });

  it('refuses other topics and a missing topic', () => {
    for (const topic of ['orders/paid', 'products/create', '']) {
      expect(refusalOf(() => mapShopifyWebhook(deliver(canned, topic), ROUTING)).details.problem).toBe(
        'unsupported-topic',
      );
    }
    const refusal = refusalOf(() => mapShopifyWebhook({ headers: undefined, body: canned }, ROUTING));
    expect(refusal.code).toBe('INVALID_INPUT');
  });

  it('keeps lines without a SKU, and gift cards, as not stock-managed, and notes them', () => {
    const body = cannedWith((order) => {
      order.line_items[0].sku = '';
      order.line_items[1].sku = null;
      order.line_items.push({
        ...order.line_items[1],
        id: 3,
        sku: 'GIFT-50',
        gift_card: true,
        name: 'Gift card',
      });
    });
    const { order } = mapShopifyWebhook(deliver(body), ROUTING);
    expect(order.lines.map((line) => [line.lineId, line.sku])).toEqual([
      ['866550311766439020', null],
      ['141249953214522974', null],
      ['3', null],
    ]);
    expect(order.notes).toEqual(
      expect.arrayContaining([
        'Line 866550311766439020 is not stock-managed (it has no SKU): kept on the order, never allocated.',
        'Line 141249953214522974 is not stock-managed (it has no SKU): kept on the order, never allocated.',
        'Line 3 is not stock-managed (a gift card): kept on the order, never allocated.',
      ]),
    );
  });

  it('uses current_quantity after order edits, except when cancelling', () => {
    const body = cannedWith((order) => {
      order.cancelled_at = null;
      order.line_items[0].quantity = 3;
      order.line_items[0].current_quantity = 2;
      order.line_items[1].current_quantity = 0;
    });
    const updated = mapShopifyWebhook(deliver(body, 'orders/updated'), ROUTING).order;
    expect(updated.lines.map((line) => [line.lineId, line.quantity])).toEqual([['866550311766439020', 2]]);
    expect(updated.notes).toContain('Line 141249953214522974 was removed from the order in Shopify.');
    const refunded = cannedWith((order) => {
      order.line_items[0].quantity = 3;
      order.line_items[0].current_quantity = 0;
      order.line_items[1].current_quantity = 0;
    });
    const cancelled = mapShopifyWebhook(deliver(refunded, 'orders/cancelled'), ROUTING).order;
    expect(cancelled.lines.map((line) => line.quantity)).toEqual([3, 1]);
  });

  it('refuses quantities that are not positive integers, without echoing personal data', () => {
    for (const quantity of [0, -1, 1.5, '2', null]) {
      const body = cannedWith((order) => {
        order.line_items[0].quantity = quantity;
      });
      const refusal = refusalOf(() => mapShopifyWebhook(deliver(body), ROUTING));
      expect(refusal.code).toBe('INVALID_INPUT');
      expect(refusal.details).toMatchObject({ channel: 'shopify', problem: 'invalid-payload' });
      expect(refusal.details.issues).toEqual([expect.objectContaining({ path: 'line_items.0.quantity' })]);
      expect(JSON.stringify(refusal)).not.toMatch(/jon@doe|john@test|Smith/);
    }
  });

  it('routes to the warehouse a note attribute names only when the tenant knows it', () => {
    const naming = (warehouse: string) =>
      cannedWith((order) => {
        order.note_attributes = [{ name: 'Warehouse', value: warehouse }];
      });
    const known = { ...ROUTING, knownWarehouses: ['main', 'east'] };
    expect(mapShopifyWebhook(deliver(naming('east')), known).order.warehouseId).toBe('east');
    expect(mapShopifyWebhook(deliver(naming('east')), ROUTING).order.warehouseId).toBe('main');
    const unknown = mapShopifyWebhook(deliver(naming('moon')), known).order;
    expect(unknown.warehouseId).toBe('main');
    expect(unknown.notes).toContain(
      'The channel named warehouse "moon", which is not known; routed to main.',
    );
    const custom = cannedWith((order) => {
      order.note_attributes = [{ name: 'fulfil_from', value: 'east' }];
    });
    expect(
      mapShopifyWebhook(deliver(custom), { ...known, warehouseFromPayload: 'fulfil_from' }).order.warehouseId,
    ).toBe('east');
  });

  it('reads the body as bytes, and falls back to a digest of them without X-Shopify-Webhook-Id', () => {
    const bytes = new TextEncoder().encode(canned);
    const first = mapShopifyWebhook(
      { headers: { 'X-Shopify-Topic': 'orders/create' }, body: bytes },
      ROUTING,
    );
    const again = mapShopifyWebhook(
      { headers: { 'X-Shopify-Topic': 'orders/create' }, body: canned },
      ROUTING,
    );
    expect(first.deliveryId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again.deliveryId).toBe(first.deliveryId);
    expect(first.order).toEqual(again.order);
  });

  it('records another channel name when the caller gives one', () => {
    const { order } = mapShopifyWebhook(deliver(canned), { ...ROUTING, channel: 'shopify_eu' });
    expect(order).toMatchObject({ channel: 'shopify_eu', orderId: 'shopify_eu-820982911946154508' });
  });

  it('refuses bodies that are not JSON, not UTF-8, or not an order', () => {
    const zoneless = cannedWith((order) => {
      order.created_at = '2019-06-04T13:53:06';
    });
    const lineless = cannedWith((order) => {
      order.line_items.splice(0);
    });
    const cases: Array<[string | Uint8Array, string]> = [
      ['webhook_id=1', 'malformed-json'],
      [Uint8Array.of(0xff, 0xfe, 0x7b), 'unreadable-body'],
      ['{"id": 1}', 'invalid-payload'],
      [zoneless, 'invalid-payload'],
      [lineless, 'invalid-payload'],
    ];
    for (const [body, problem] of cases)
      expect(refusalOf(() => mapShopifyWebhook(deliver(body), ROUTING)).details.problem).toBe(problem);
  });

  it('answers 1,500 malformed bodies with typed refusals only', () => {
    fc.assert(
      fc.property(
        malformedBodies(parseJsonKeepingBigIntegers(canned)),
        fc.constantFrom('orders/create', 'orders/updated', 'orders/cancelled'),
        (body, topic) => {
          expect(outcomeOf(() => expectTakeable(mapShopifyWebhook(deliver(body, topic), ROUTING)))).not.toBe(
            'crashed',
          );
        },
      ),
      { numRuns: 1500 },
    );
  });
});

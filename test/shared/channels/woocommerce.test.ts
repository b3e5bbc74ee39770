import fc from 'fast-check';
import { mapWooCommerceWebhook, wooCommercePing } from '../../../shared/channels/woocommerce.js';
import {
  expectTakeable,
  fixtureText,
  malformedBodies,
  outcomeOf,
  refusalOf,
  WOOCOMMERCE_CREATED,
} from './webhook-fixtures.js';

const ROUTING = { warehouseId: 'main' };
const created = fixtureText(WOOCOMMERCE_CREATED);

const deliver = (body: string | Uint8Array, topic = 'order.created') => ({
  headers: {
    'X-WC-Webhook-Topic': topic,
    'X-WC-Webhook-Delivery-ID': 'a3f1c2d4e5',
    'X-WC-Webhook-Resource': 'order',
  },
  body,
});

interface EditableOrder {
  status: string;
  number: unknown;
  customer_id: number;
  date_created_gmt: unknown;
  meta_data: Array<{ id: number; key: string; value: unknown }>;
  line_items: [{ sku: unknown; quantity: unknown }, { sku: unknown; quantity: unknown }];
}

const createdWith = (edit: (order: EditableOrder) => void): string => {
  const order = JSON.parse(created) as EditableOrder;
  edit(order);
  return JSON.stringify(order);
};

describe('mapWooCommerceWebhook', () => {
  it('maps the REST v3 order.created body end to end, keeping the SKU-less line and noting it', () => {
    expect(mapWooCommerceWebhook(deliver(created), ROUTING)).toEqual({
      kind: 'received',
      deliveryId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      // The channel's version of the order: date_modified_gmt, in UTC.
      version: '2017-03-22T19:28:08.000Z',
      order: {
        channelVersion: '2017-03-22T19:28:08.000Z',
        orderId: 'woocommerce-727',
        warehouseId: 'main',
        channel: 'woocommerce',
        channelOrderId: '727',
        // Customer 0 is a guest checkout: no customer id.
        customer: { name: 'John Doe', email: 'john.doe@example.com', phone: '(555) 555-5555' },
        createdAt: '2017-03-22T19:28:02.000Z',
        lines: [
          { lineId: '315', sku: null, quantity: 2, title: 'Woo Single #1' },
          { lineId: '316', sku: 'Bar3', quantity: 1, title: 'Ship Your Idea – Color: Black, Size: M Test' },
        ],
        notes: ['Line 315 is not stock-managed (it has no SKU): kept on the order, never allocated.'],
      },
    });
  });

  it('reads order.updated as an update, or as a cancellation when the status is cancelled', () => {
    expect(mapWooCommerceWebhook(deliver(created, 'order.updated'), ROUTING).kind).toBe('updated');
    const cancelled = createdWith((order) => {
      order.status = 'cancelled';
    });
    expect(mapWooCommerceWebhook(deliver(cancelled, 'order.updated'), ROUTING).kind).toBe('cancelled');
    expect(mapWooCommerceWebhook(deliver(cancelled, 'order.created'), ROUTING).kind).toBe('received');
    const lowercase = { headers: { 'x-wc-webhook-topic': 'order.updated' }, body: cancelled };
    expect(mapWooCommerceWebhook(lowercase, ROUTING).kind).toBe('cancelled');
  });

  it('recognises the unsigned creation ping, as text or bytes, before anything else', () => {
    expect(mapWooCommerceWebhook({ headers: {}, body: 'webhook_id=15' }, ROUTING)).toEqual({
      kind: 'ping',
      webhookId: '15',
    });
    expect(wooCommercePing(new TextEncoder().encode('webhook_id=2901\n'))).toEqual({
      kind: 'ping',
      webhookId: '2901',
    });
    for (const body of ['webhook_id=', 'webhook_id=abc', 'webhook_id=1&x=2', created, ''])
      expect(wooCommercePing(body)).toBeUndefined();
  });

  it('identifies a delivery by its body, since the delivery header changes on every attempt', () => {
    const first = mapWooCommerceWebhook(deliver(created), ROUTING);
    const retried = mapWooCommerceWebhook(
      {
        ...deliver(created),
        headers: { 'X-WC-Webhook-Topic': 'order.created', 'X-WC-Webhook-Delivery-ID': 'other' },
      },
      ROUTING,
    );
    const changed = mapWooCommerceWebhook(
      deliver(created.replace('"quantity": 2', '"quantity": 3')),
      ROUTING,
    );
    expect(retried).toEqual(first);
    expect(changed).not.toEqual(first);
  });

  it('refuses other topics and a missing topic', () => {
    for (const topic of ['order.deleted', 'product.created', ''])
      expect(refusalOf(() => mapWooCommerceWebhook(deliver(created, topic), ROUTING)).details.problem).toBe(
        'unsupported-topic',
      );
    expect(refusalOf(() => mapWooCommerceWebhook({ headers: undefined, body: created }, ROUTING)).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('keeps a registered customer id, and notes a store order number that differs from the id', () => {
    const body = createdWith((order) => {
      order.customer_id = 42;
      order.number = 'WC-2017-727';
    });
    const { order } = mapWooCommerceWebhook(deliver(body), ROUTING) as {
      order: { customer: object; notes: string[] };
    };
    expect(order.customer).toMatchObject({ id: '42' });
    expect(order.notes).toContain('WooCommerce order number WC-2017-727.');
  });

  it('routes to the warehouse an order meta entry names when the tenant knows it', () => {
    const body = createdWith((order) => {
      order.meta_data.push({ id: 1, key: 'warehouse', value: 'east' });
    });
    const known = { ...ROUTING, knownWarehouses: ['east'] };
    expect(mapWooCommerceWebhook(deliver(body), known)).toMatchObject({ order: { warehouseId: 'east' } });
    expect(mapWooCommerceWebhook(deliver(body), ROUTING)).toMatchObject({ order: { warehouseId: 'main' } });
  });

  it('refuses bad quantities, timestamps and SKUs with typed errors', () => {
    const cases: Array<[(order: EditableOrder) => void, string]> = [
      [(order) => void order.line_items.splice(0), 'line_items'],
      [
        (order) => {
          order.line_items[1].quantity = 0;
        },
        'line_items.1.quantity',
      ],
      [
        (order) => {
          order.line_items[1].sku = 7;
        },
        'line_items.1.sku',
      ],
      [
        (order) => {
          order.date_created_gmt = 'yesterday';
        },
        'date_created_gmt',
      ],
    ];
    for (const [edit, path] of cases) {
      const refusal = refusalOf(() => mapWooCommerceWebhook(deliver(createdWith(edit)), ROUTING));
      expect(refusal.details).toMatchObject({ channel: 'woocommerce', problem: 'invalid-payload' });
      expect(refusal.details.issues).toEqual([expect.objectContaining({ path })]);
      expect(JSON.stringify(refusal)).not.toMatch(/john\.doe|555/);
    }
  });

  it('answers 1,500 malformed bodies with typed refusals only', () => {
    fc.assert(
      fc.property(
        malformedBodies(JSON.parse(created)),
        fc.constantFrom('order.created', 'order.updated'),
        (body, topic) => {
          expect(
            outcomeOf(() => expectTakeable(mapWooCommerceWebhook(deliver(body, topic), ROUTING))),
          ).not.toBe('crashed');
        },
      ),
      { numRuns: 1500 },
    );
  });
});

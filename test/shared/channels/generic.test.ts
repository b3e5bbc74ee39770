import fc from 'fast-check';
import * as z from 'zod';
import { type GenericOrder, genericOrderSchema, mapGenericOrder } from '../../../shared/channels/generic.js';
import { expectTakeable, malformedBodies, outcomeOf, refusalOf } from './webhook-fixtures.js';

const ROUTING = { warehouseId: 'main' };

const example: GenericOrder = {
  type: 'order.created',
  orderId: 'SO-1001',
  createdAt: '2024-05-01T11:30:00+02:00',
  customer: { id: 'C-7', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+441234567890' },
  priority: 5,
  shipBy: '2024-05-03T17:00:00Z',
  lines: [
    { lineId: '1', sku: 'MUG-1', quantity: 3, title: 'Mug' },
    { lineId: '2', quantity: 1, title: 'Gift wrap' },
  ],
};

const deliver = (body: unknown, headers: Record<string, string> = {}) => ({
  headers,
  body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
});

describe('mapGenericOrder', () => {
  it('maps the documented format, normalising times to UTC and keeping SKU-less lines', () => {
    expect(mapGenericOrder(deliver(example, { 'Idempotency-Key': 'k-1' }), ROUTING)).toEqual({
      kind: 'received',
      deliveryId: 'k-1',
      order: {
        orderId: 'orders-SO-1001',
        warehouseId: 'main',
        channel: 'orders',
        channelOrderId: 'SO-1001',
        customer: { id: 'C-7', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+441234567890' },
        createdAt: '2024-05-01T09:30:00.000Z',
        priority: 5,
        shipBy: '2024-05-03T17:00:00.000Z',
        lines: [
          { lineId: '1', sku: 'MUG-1', quantity: 3, title: 'Mug' },
          { lineId: '2', sku: null, quantity: 1, title: 'Gift wrap' },
        ],
        notes: ['Line 2 is not stock-managed (it has no SKU): kept on the order, never allocated.'],
      },
    });
  });

  it.each(['win', 'gain', 'redistribute', 'fill', 'lose'] as const)(
    "takes strategy %s as the order's own override of the policy",
    (strategy) => {
      expect(mapGenericOrder(deliver({ ...example, strategy }), ROUTING).order.policyOverride).toEqual({
        strategy,
      });
    },
  );

  it('refuses an unknown strategy and leaves the policy to decide without one', () => {
    expect(refusalOf(() => mapGenericOrder(deliver({ ...example, strategy: 'steal' }), ROUTING)).code).toBe(
      'INVALID_INPUT',
    );
    expect(mapGenericOrder(deliver(example), ROUTING).order.policyOverride).toBeUndefined();
  });

  it('maps each type to its kind, under the channel name the caller gives', () => {
    const kinds = (['order.created', 'order.updated', 'order.cancelled'] as const).map(
      (type) => mapGenericOrder(deliver({ ...example, type }), { ...ROUTING, channel: 'erp' }).kind,
    );
    expect(kinds).toEqual(['received', 'updated', 'cancelled']);
    expect(mapGenericOrder(deliver(example), { ...ROUTING, channel: 'erp' }).order.orderId).toBe(
      'erp-SO-1001',
    );
    expect(refusalOf(() => mapGenericOrder(deliver(example), { ...ROUTING, channel: 'my-erp' })).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('reads null and blank SKUs as not stock-managed', () => {
    const lines = [
      { lineId: 'a', sku: null, quantity: 1 },
      { lineId: 'b', sku: '  ', quantity: 1 },
    ];
    const { order } = mapGenericOrder(deliver({ ...example, lines }), ROUTING);
    expect(order.lines.map((line) => line.sku)).toEqual([null, null]);
    expect(order.notes).toHaveLength(2);
  });

  it('makes an id safe that would collide with a backorder or a key separator', () => {
    expect(mapGenericOrder(deliver({ ...example, orderId: 'SO-1-BO2' }), ROUTING).order).toMatchObject({
      orderId: 'orders-SO-1-BO2~',
      channelOrderId: 'SO-1-BO2',
    });
    expect(mapGenericOrder(deliver({ ...example, orderId: 'SO#1' }), ROUTING).order.orderId).toBe(
      'orders-SO~00231',
    );
  });

  it('honours warehouseId only for a warehouse the tenant knows', () => {
    const body = deliver({ ...example, warehouseId: 'east' });
    expect(mapGenericOrder(body, { ...ROUTING, knownWarehouses: ['east'] }).order.warehouseId).toBe('east');
    expect(mapGenericOrder(body, ROUTING).order.warehouseId).toBe('main');
  });

  it('knows a repeat by Idempotency-Key, else eventId, else order, type and updatedAt; never by the body alone', () => {
    const update = (quantity: number, updatedAt?: string, extra: object = {}) =>
      mapGenericOrder(
        deliver({
          ...example,
          type: 'order.updated',
          lines: [{ lineId: '1', sku: 'MUG', quantity }],
          ...(updatedAt ? { updatedAt } : {}),
          ...extra,
        }),
        ROUTING,
      );
    // 5 → 3 → 5: the third returns to the first's content and is a change of its own.
    const ids = [
      update(5, '2024-05-01T10:00:00Z'),
      update(3, '2024-05-01T10:05:00Z'),
      update(5, '2024-05-01T10:10:00Z'),
    ].map((message) => message.deliveryId);
    expect(new Set(ids).size).toBe(3);
    expect(update(5, '2024-05-01T12:00:00+02:00').deliveryId).toBe(ids[0]);
    expect(update(5, '2024-05-01T10:10:00Z', { eventId: 'evt-9' }).deliveryId).toBe('evt-9');
    // Without any of them, even identical bodies are separate deliveries (content decides at apply time).
    expect(update(5).deliveryId).not.toBe(update(5).deliveryId);
    expect(update(3, '2024-05-01T10:05:00Z').version).toBe('2024-05-01T10:05:00.000Z');
    expect(mapGenericOrder(deliver(example), ROUTING).deliveryId).toBe(
      mapGenericOrder(deliver({ ...example, priority: 6 }), ROUTING).deliveryId,
    );
  });

  it('refuses numbers for ids, bad quantities and times without a zone, naming the fields', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...example, orderId: 1001 }, 'orderId'],
      [{ ...example, lines: [{ lineId: 1, quantity: 1 }] }, 'lines.0.lineId'],
      [{ ...example, lines: [{ lineId: '1', quantity: 0 }] }, 'lines.0.quantity'],
      [{ ...example, lines: [{ lineId: '1', quantity: 2.5 }] }, 'lines.0.quantity'],
      [{ ...example, createdAt: '2024-05-01T11:30:00' }, 'createdAt'],
      [{ ...example, type: 'order.deleted' }, 'type'],
      [{ ...example, lines: [] }, 'lines'],
    ];
    for (const [body, path] of cases) {
      const refusal = refusalOf(() => mapGenericOrder(deliver(body), ROUTING));
      expect(refusal.details).toMatchObject({ channel: 'orders', problem: 'invalid-payload' });
      expect(refusal.details.issues).toEqual([expect.objectContaining({ path })]);
      expect(JSON.stringify(refusal)).not.toMatch(/Lovelace|ada@example|\+4412/);
    }
    const duplicate = { ...example, lines: [example.lines[0], example.lines[0]] };
    expect(refusalOf(() => mapGenericOrder(deliver(duplicate), ROUTING)).details.problem).toBe(
      'invalid-order',
    );
    expect(refusalOf(() => mapGenericOrder(deliver('{"type":'), ROUTING)).details.problem).toBe(
      'malformed-json',
    );
  });

  it('converts to a JSON Schema with a description on every field, for the OpenAPI document', () => {
    const schema = z.toJSONSchema(genericOrderSchema) as {
      description?: string;
      properties: Record<string, { description?: string }>;
      required: string[];
    };
    expect(schema.description).toContain('X-Signature');
    expect(Object.keys(schema.properties)).toEqual([
      'type',
      'orderId',
      'createdAt',
      'updatedAt',
      'eventId',
      'customer',
      'priority',
      'shipBy',
      'strategy',
      'warehouseId',
      'lines',
    ]);
    for (const [field, property] of Object.entries(schema.properties))
      expect([field, typeof property.description]).toEqual([field, 'string']);
    expect(schema.required).toEqual(['type', 'orderId', 'createdAt', 'lines']);
  });

  it('answers 1,500 malformed bodies with typed refusals only', () => {
    fc.assert(
      fc.property(malformedBodies(example), (body) => {
        expect(outcomeOf(() => expectTakeable(mapGenericOrder(deliver(body), ROUTING)))).not.toBe('crashed');
      }),
      { numRuns: 1500 },
    );
  });
});

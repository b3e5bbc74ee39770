import { makeHandler as makeAllocator } from '../../../functions/allocator/index.js';
import { makeHandler } from '../../../functions/events/index.js';
import { findInvariantViolations } from '../../../shared/allocation/invariants.js';
import type { IncomingOrder } from '../../../shared/domain/inputs.js';
import { INCOMING_DETAIL_TYPES, INCOMING_SCHEMA_VERSION } from '../../../shared/events/incoming-events.js';
import type { PublishableEvent } from '../../../shared/ports/event-publisher.js';
import { captureOutput } from '../../support/captured-output.js';
import { eventBridgeEvent, queueMessagesOf } from '../../support/event-envelopes.js';
import { handlerOnOwnTables } from '../../support/handler-on-own-tables.js';
import { lambdaContext } from '../../support/http-events.js';
import { InMemoryPublisher } from '../../support/in-memory-publisher.js';

const publisher = new InMemoryPublisher();
const TENANT = 'events';
const eventsFunction = handlerOnOwnTables('events-handler', makeHandler, { publisher });

let sequence = 0;
/** An incoming event as another system puts it on the bus, with its own id. */
const incoming = (
  detailType: string,
  fields: Record<string, unknown>,
  tenantId = TENANT,
): PublishableEvent => ({
  detailType,
  detail: {
    schemaVersion: INCOMING_SCHEMA_VERSION,
    tenantId,
    eventId: `wms-${++sequence}`,
    occurredAt: new Date(Date.UTC(2026, 2, 2, 9, sequence)).toISOString(),
    ...fields,
  } as PublishableEvent['detail'],
});

const order = (orderId: string, lines: Array<[sku: string, quantity: number]>): IncomingOrder => ({
  orderId,
  warehouseId: 'main',
  channel: 'erp',
  channelOrderId: orderId,
  customer: {},
  createdAt: new Date(Date.UTC(2026, 2, 2, 8, 0)).toISOString(),
  lines: lines.map(([sku, quantity], index) => ({ lineId: String(index + 1), sku, quantity })),
});

const snapshot = async () => ({
  items: (await eventsFunction.harness.readAll()).items,
  published: publisher.published.length,
});

const statuses = async () =>
  Object.fromEntries(
    (await eventsFunction.harness.readAll()).orders.map((stored) => [stored.orderId, stored.status]),
  );

/**
 * One event of every incoming detail-type, in an order that gives each something to do. Each is
 * delivered twice with the same EventBridge id, as EventBridge may.
 */
const STEPS: Array<[detailType: string, event: PublishableEvent, after: Record<string, string>]> = [
  [
    'Stock Received',
    incoming('Stock Received', {
      receiptId: 'R-1',
      warehouseId: 'main',
      lines: [
        { sku: 'A', quantity: 5 },
        { sku: 'B', quantity: 2 },
      ],
    }),
    {},
  ],
  [
    'Inbound Expected',
    incoming('Inbound Expected', {
      inboundId: 'PO-7',
      warehouseId: 'main',
      sku: 'A',
      quantity: 10,
      eta: '2026-03-09T00:00:00Z',
    }),
    {},
  ],
  [
    'Order Received',
    incoming('Order Received', {
      orderId: 'o-1',
      order: order('o-1', [
        ['A', 3],
        ['B', 1],
      ]),
    }),
    { 'o-1': 'ReadyToPick' },
  ],
  [
    'Order Updated',
    incoming('Order Updated', {
      orderId: 'o-1',
      lines: [
        { lineId: '1', sku: 'A', quantity: 4 },
        { lineId: '2', sku: 'B', quantity: 1 },
      ],
    }),
    { 'o-1': 'ReadyToPick' },
  ],
  [
    'Stock Adjusted',
    incoming('Stock Adjusted', {
      adjustmentId: 'ADJ-1',
      warehouseId: 'main',
      lines: [{ sku: 'A', delta: -1 }],
      reason: 'Damaged in the racking',
    }),
    { 'o-1': 'ReadyToPick' },
  ],
  [
    'Order Cancelled',
    incoming('Order Cancelled', { orderId: 'o-1', reason: 'Customer changed their mind' }),
    { 'o-1': 'Cancelled' },
  ],
  [
    'Order Received',
    incoming('Order Received', {
      orderId: 'o-2',
      order: order('o-2', [
        ['A', 4],
        ['B', 2],
      ]),
    }),
    { 'o-1': 'Cancelled', 'o-2': 'ReadyToPick' },
  ],
  [
    'Fulfilment Started',
    incoming('Fulfilment Started', { orderId: 'o-2' }),
    { 'o-1': 'Cancelled', 'o-2': 'InFulfilment' },
  ],
  [
    'Order Dispatched',
    incoming('Order Dispatched', {
      orderId: 'o-2',
      lines: [
        { lineId: '1', quantity: 3 },
        { lineId: '2', quantity: 2 },
      ],
    }),
    { 'o-1': 'Cancelled', 'o-2': 'Dispatched' },
  ],
];

describe('each incoming detail-type, delivered twice to the function the bus routes it to', () => {
  it('covers every detail-type the bus carries in', () => {
    expect(new Set(STEPS.map(([detailType]) => detailType))).toEqual(new Set(INCOMING_DETAIL_TYPES));
  });

  it.each(STEPS)('%s is applied once', async (detailType, event, after) => {
    if (detailType === 'Order Received') {
      // The stack routes orders to the allocator's queue, never to the events function.
      const allocator = makeAllocator(() => eventsFunction.wiring);
      const batch = queueMessagesOf([event]);
      expect(await allocator(batch, lambdaContext('allocator'))).toEqual({ batchItemFailures: [] });
      expect(await statuses()).toEqual(after);
      const before = await snapshot();
      expect(await allocator(batch, lambdaContext('allocator'))).toEqual({ batchItemFailures: [] });
      expect(await snapshot()).toEqual(before);
      return;
    }
    const delivered = eventBridgeEvent(event);
    const first = await captureOutput(() => eventsFunction.handler(delivered, lambdaContext('events')));
    expect(first.result).toEqual({ outcome: 'applied' });
    expect(first.logs).toContainEqual(
      expect.objectContaining({
        message: 'Event handled',
        detailType,
        eventId: delivered.id,
        outcome: 'applied',
      }),
    );
    expect(await statuses()).toEqual(after);
    const before = await snapshot();

    const second = await captureOutput(() => eventsFunction.handler(delivered, lambdaContext('events')));
    // A channel change that finds its order as it left it writes nothing at all, not even a key.
    const repeat = ['Order Updated', 'Order Cancelled'].includes(detailType) ? 'unchanged' : 'duplicate';
    expect(second.result).toEqual({ outcome: repeat });
    expect(await snapshot()).toEqual(before);
  });

  it('leaves the stock and orders consistent: what shipped left the shelf, the short line was never served', async () => {
    const state = await eventsFunction.harness.readAll();
    expect(findInvariantViolations(state.stock, state.orders)).toEqual([]);
    const levels = Object.fromEntries(
      state.stock.map((level) => [level.sku, [level.onHand, level.allocated]]),
    );
    // o-2 wanted A 4 of the 4 left after the adjustment, shipped 3 and released the fourth.
    expect(levels).toEqual({ A: [1, 0], B: [0, 0] });
    const events = publisher.published.map((published) => published.detail.eventId);
    expect(new Set(events).size).toBe(events.length);
  });
});

describe('an event the handler cannot apply throws, so EventBridge retries it and then parks it in the DLQ', () => {
  const INVALID: Array<[string, Record<string, unknown>]> = [
    ['Order Updated', { orderId: 'o-2', lines: [{ lineId: '1', sku: 'A', quantity: -1 }] }],
    ['Order Cancelled', { orderId: '' }],
    ['Stock Received', { receiptId: 'R-9', warehouseId: 'main', lines: [{ sku: 'A', quantity: 1.5 }] }],
    ['Stock Adjusted', { adjustmentId: 'ADJ-9', warehouseId: 'main', lines: [{ sku: 'A', delta: 0 }] }],
    [
      'Inbound Expected',
      { inboundId: 'PO-9', warehouseId: 'main', sku: 'A', quantity: 1, eta: 'next Tuesday' },
    ],
    ['Fulfilment Started', {}],
    [
      'Order Dispatched',
      {
        orderId: 'o-2',
        lines: [
          { lineId: '1', quantity: 1 },
          { lineId: '1', quantity: 1 },
        ],
      },
    ],
  ];

  it.each(INVALID)('%s with an invalid detail', async (detailType, fields) => {
    const before = await snapshot();
    await expect(
      eventsFunction.handler(eventBridgeEvent(incoming(detailType, fields)), lambdaContext()),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('a detail without a tenant or event id', async () => {
    const event = eventBridgeEvent(
      incoming('Stock Received', {
        receiptId: 'R-9',
        warehouseId: 'main',
        lines: [{ sku: 'A', quantity: 1 }],
      }),
    );
    const { tenantId: _tenant, eventId: _event, ...anonymous } = event.detail;
    await expect(
      eventsFunction.handler({ ...event, detail: anonymous as typeof event.detail }, lambdaContext()),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('an Order Received, which the bus routes to the allocator queue and never here', async () => {
    const before = await snapshot();
    await expect(
      eventsFunction.handler(
        eventBridgeEvent(incoming('Order Received', { orderId: 'o-9', order: order('o-9', [['A', 1]]) })),
        lambdaContext(),
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await snapshot()).toEqual(before);
  });

  it('a detail-type the service does not take', async () => {
    const before = await snapshot();
    await expect(
      eventsFunction.handler(
        eventBridgeEvent(incoming('Order Teleported', { orderId: 'o-2' })),
        lambdaContext(),
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await snapshot()).toEqual(before);
  });

  it('an event about an order not received yet (it may still arrive)', async () => {
    const before = await snapshot();
    await expect(
      eventsFunction.handler(
        eventBridgeEvent(incoming('Fulfilment Started', { orderId: 'not-yet' })),
        lambdaContext(),
      ),
    ).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
    expect(await snapshot()).toEqual(before);
  });
});

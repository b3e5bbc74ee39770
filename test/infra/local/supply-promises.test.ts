/**
 * DESIGN §15's promise end to end, over HTTP against the local runtime: expected supply, two
 * waiting orders, the dates each is told, and a receipt naming the inbound line it arrived against.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { hasStatus } from '../../../infra/local/demo/http-client.js';
import { readNotifications } from '../../../infra/local/demo/outbox-reader.js';
import { shopifyOrder } from '../../../infra/local/demo/payloads.js';
import { dayMonth } from '../../../shared/notifications/wording.js';
import {
  eventually,
  type LocalService,
  testOrder as order,
  startLocalService,
} from '../../support/local-service.js';

let service: LocalService;

beforeAll(async () => {
  service = await startLocalService();
}, 300_000);

afterAll(async () => {
  await service?.stop();
});

const SKU = 'E2E-PROMISE';
const DAY_MS = 86_400_000;
const start = Date.now();
const day = (n: number) => new Date(Math.floor(start / DAY_MS) * DAY_MS + n * DAY_MS).toISOString();

/** The email telling the order is awaiting stock, once the notifier has written it. */
const awaitingEmail = (channelOrderId: string) =>
  eventually(
    () =>
      readNotifications(service.runtime.outboxDir, [channelOrderId]).find(
        (each) => each.kind === 'email' && /awaiting stock/.test(each.subject ?? ''),
      ),
    `the Awaiting Stock email of ${channelOrderId}`,
  );

const waitingOrder = async () => {
  const placed = order({ [SKU]: 4 });
  const reply = await service.demo.shopify('orders/create', shopifyOrder(placed), `promise-${placed.id}`);
  expect(reply.status).toBe(200);
  const orderId = `shopify-${placed.id}`;
  const { settled } = await service.demo.orderWhen(orderId, hasStatus('AwaitingStock'));
  expect(settled).toBe(true);
  return { orderId, channelOrderId: placed.id };
};

const lineOf = async (orderId: string) => {
  const reply = await service.demo.api('GET', `/orders/${orderId}`);
  expect(reply.status).toBe(200);
  const detail = reply.body as { order: { status: string; lines: Array<Record<string, unknown>> } };
  return { status: detail.order.status, line: detail.order.lines[0] };
};

it('promises day 3 to the first order and day 10 to the second; a receipt naming the day-3 supply serves the first, the second keeps day 10, and the day-3 line closes', async () => {
  for (const [inboundId, eta] of [
    ['PO-DAY3', day(3)],
    ['PO-DAY10', day(10)],
  ] as const) {
    const reply = await service.demo.api('POST', '/inbound', {
      inboundId,
      warehouseId: 'main',
      sku: SKU,
      quantity: 5,
      eta,
      updatedAt: new Date(start).toISOString(),
    });
    expect(reply).toMatchObject({ status: 200, body: { status: 'applied', inboundId } });
  }
  const first = await waitingOrder();
  const second = await waitingOrder();
  const [a, b] = [first.orderId, second.orderId];

  expect(await lineOf(a)).toEqual({
    status: 'AwaitingStock',
    line: expect.objectContaining({ shortfall: 4, queuePosition: 1, expectedBy: day(3) }),
  });
  expect(await lineOf(b)).toEqual({
    status: 'AwaitingStock',
    line: expect.objectContaining({ shortfall: 4, queuePosition: 2, expectedBy: day(10) }),
  });
  const list = await service.demo.api('GET', `/orders?status=AwaitingStock&sku=${SKU}`);
  expect(
    (list.body as { orders: Array<{ orderId: string; lines: Array<{ expectedBy: string }> }> }).orders
      .map((each) => [each.orderId, each.lines[0]?.expectedBy])
      .sort(),
  ).toEqual(
    [
      [a, day(3)],
      [b, day(10)],
    ].sort(),
  );

  // Each customer is told the date of their own place in the queue.
  expect((await awaitingEmail(first.channelOrderId)).text).toContain(`expected by ${dayMonth(day(3))}`);
  expect((await awaitingEmail(second.channelOrderId)).text).toContain(`expected by ${dayMonth(day(10))}`);

  const receipt = await service.demo.api('POST', '/stock/receipts', {
    receiptId: 'R-PROMISE',
    warehouseId: 'main',
    lines: [{ sku: SKU, quantity: 5, inboundId: 'PO-DAY3' }],
  });
  expect(receipt.status).toBe(200);

  expect((await lineOf(a)).status).toBe('ReadyToPick');
  expect(await lineOf(b)).toEqual({
    status: 'AwaitingStock',
    line: expect.objectContaining({ allocated: 1, shortfall: 3, expectedBy: day(10) }),
  });
  const inbound = await service.demo.api('GET', `/inbound?sku=${SKU}`);
  expect(inbound).toMatchObject({
    status: 200,
    body: {
      sku: SKU,
      inbound: [{ inboundId: 'PO-DAY10', quantity: 5, received: 0, outstanding: 5, eta: day(10) }],
      total: 5,
    },
  });
}, 300_000);

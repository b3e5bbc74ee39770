/**
 * DESIGN §14 over HTTP on the local runtime (what `npm start` runs): a kit of 2 × A + 1 × B with
 * A = 4 and B = 1 on hand allocates one kit of an order for two; a receipt of B completes it.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { hasStatus } from '../../../infra/local/demo/http-client.js';
import { shopifyOrder } from '../../../infra/local/demo/payloads.js';
import { type LocalService, testOrder as order, startLocalService } from '../../support/local-service.js';

let service: LocalService;

beforeAll(async () => {
  service = await startLocalService();
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

const receipt = (receiptId: string, lines: Record<string, number>) =>
  service.demo.api('POST', '/stock/receipts', {
    receiptId,
    warehouseId: 'main',
    lines: Object.entries(lines).map(([sku, quantity]) => ({ sku, quantity })),
  });

const settled = async (orderId: string, status: Parameters<typeof hasStatus>[0]) => {
  const { detail, settled } = await service.demo.orderWhen(orderId, hasStatus(status));
  if (!settled || !detail)
    throw new Error(
      `${orderId} is ${detail?.order.status ?? 'missing'}, not ${status}\n${service.logs.slice(-40).join('\n')}`,
    );
  return detail as typeof detail & { order: { kitLines?: unknown } };
};

it('allocates one kit of an order for two with A = 4, B = 1, and completes it when B arrives', async () => {
  const kit = await service.demo.api('PUT', '/kits/E2E-KIT', {
    components: [
      { sku: 'E2E-KIT-A', quantity: 2 },
      { sku: 'E2E-KIT-B', quantity: 1 },
    ],
  });
  expect(kit).toMatchObject({ status: 200 });
  await expect(receipt('E2E-KIT-1', { 'E2E-KIT-A': 4, 'E2E-KIT-B': 1 })).resolves.toMatchObject({
    status: 200,
  });

  const placed = order({ 'E2E-KIT': 2 });
  const reply = await service.demo.shopify('orders/create', shopifyOrder(placed), `e2e-${placed.id}`);
  expect(reply).toMatchObject({ status: 200 });
  const orderId = `shopify-${placed.id}`;
  const waiting = await settled(orderId, 'AwaitingStock');
  const component = (sku: string, perKit: number, quantity: number, allocated: number) =>
    expect.objectContaining({ sku, perKit, quantity, allocated, shortfall: quantity - allocated });
  expect(waiting.order.kitLines).toEqual([
    expect.objectContaining({
      sku: 'E2E-KIT',
      quantity: 2,
      kitsAllocated: 1,
      components: [component('E2E-KIT-A', 2, 4, 2), component('E2E-KIT-B', 1, 2, 1)],
    }),
  ]);
  // Stock is kept per component: the kit SKU itself has none.
  expect(await service.demo.stock('E2E-KIT-A')).toMatchObject({
    levels: [expect.objectContaining({ onHand: 4, allocated: 2 })],
  });

  await expect(receipt('E2E-KIT-2', { 'E2E-KIT-B': 1 })).resolves.toMatchObject({ status: 200 });
  const ready = await settled(orderId, 'ReadyToPick');
  expect(ready.order.kitLines).toEqual([
    expect.objectContaining({
      kitsAllocated: 2,
      components: [component('E2E-KIT-A', 2, 4, 4), component('E2E-KIT-B', 1, 2, 2)],
    }),
  ]);
  expect(await service.demo.stock('E2E-KIT-B')).toMatchObject({
    levels: [expect.objectContaining({ onHand: 2, allocated: 2 })],
  });
}, 60_000);

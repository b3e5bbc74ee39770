/**
 * DESIGN §14 over HTTP on the local runtime (what `npm start` runs): a split parent and its
 * backorder merge into one shipment when the rest arrives before picking.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { hasStatus } from '../../../infra/local/demo/http-client.js';
import { shopifyOrder } from '../../../infra/local/demo/payloads.js';
import { type LocalService, testOrder as order, startLocalService } from '../../support/local-service.js';

let service: LocalService;

beforeAll(async () => {
  service = await startLocalService();
  const put = await service.demo.api('PUT', '/policies/skus/E2E-MERGE', { onShortage: 'split' });
  expect(put.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

const receipt = (receiptId: string, sku: string, quantity: number) =>
  service.demo.api('POST', '/stock/receipts', { receiptId, warehouseId: 'main', lines: [{ sku, quantity }] });

const settled = async (orderId: string, status: Parameters<typeof hasStatus>[0]) => {
  const { detail, settled } = await service.demo.orderWhen(orderId, hasStatus(status));
  if (!settled || !detail)
    throw new Error(
      `${orderId} is ${detail?.order.status ?? 'missing'}, not ${status}\n${service.logs.slice(-40).join('\n')}`,
    );
  return detail;
};

it('a split parent and its backorder merge when the rest arrives before picking', async () => {
  await expect(receipt('E2E-MERGE-1', 'E2E-MERGE', 1)).resolves.toMatchObject({ status: 200 });
  const placed = order({ 'E2E-MERGE': 3 });
  const reply = await service.demo.shopify('orders/create', shopifyOrder(placed), `e2e-${placed.id}`);
  expect(reply).toMatchObject({ status: 200 });
  const parentId = `shopify-${placed.id}`;
  const backorderId = `${parentId}-BO1`;
  await settled(parentId, 'ReadyToPick');
  await settled(backorderId, 'AwaitingStock');

  await expect(receipt('E2E-MERGE-2', 'E2E-MERGE', 2)).resolves.toMatchObject({ status: 200 });
  const merged = await settled(backorderId, 'Merged');
  const parent = await settled(parentId, 'ReadyToPick');
  expect(parent.order.lines).toEqual([
    expect.objectContaining({ sku: 'E2E-MERGE', quantity: 3, allocated: 3 }),
  ]);
  expect(merged.order.lines).toEqual([expect.objectContaining({ quantity: 0, allocated: 0 })]);
  expect(parent.history.at(-1)?.reasons.join(' ')).toMatch(`Merged backorder ${backorderId}`);
  expect(await service.demo.stock('E2E-MERGE')).toMatchObject({
    levels: [expect.objectContaining({ onHand: 3, allocated: 3 })],
  });
}, 60_000);

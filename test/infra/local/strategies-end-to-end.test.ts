/**
 * Confirmation strategies and fair share (DESIGN §14) end to end on the local runtime, over HTTP
 * only: orders by signed webhooks (the generic format carries `strategy`), receipts and policy
 * through the API with the tenant's key.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hasStatus } from '../../../infra/local/demo/http-client.js';
import { shopifyOrder } from '../../../infra/local/demo/payloads.js';
import { signWebhookBody } from '../../../shared/channels/signatures.js';
import { type LocalService, testOrder as order, startLocalService } from '../../support/local-service.js';

let service: LocalService;

beforeAll(async () => {
  service = await startLocalService();
  // Before any order: a warm function reuses the policies it has read for up to 30 s.
  const put = await service.demo.api('PUT', '/policies/skus/E2E-FAIR', { allocationMode: 'fairShare' });
  expect(put.status).toBe(200);
}, 180_000);

afterAll(async () => {
  await service?.stop();
});

const settled = async (orderId: string, status: Parameters<typeof hasStatus>[0]) => {
  const { detail, settled } = await service.demo.orderWhen(orderId, hasStatus(status));
  if (!settled || !detail)
    throw new Error(
      `${orderId} is ${detail?.order.status ?? 'missing'}, not ${status}\n${service.logs.slice(-40).join('\n')}`,
    );
  return detail;
};

const shopify = async (lines: Record<string, number>) => {
  const placed = order(lines);
  const reply = await service.demo.shopify('orders/create', shopifyOrder(placed), `e2e-${placed.id}`);
  expect(reply).toMatchObject({ status: 200, body: { status: 'accepted' } });
  return `shopify-${placed.id}`;
};

const generic = async (orderId: string, sku: string, quantity: number, strategy: string) => {
  const body = JSON.stringify({
    type: 'order.created',
    orderId,
    createdAt: new Date().toISOString(),
    customer: { name: 'Win Order', email: 'win@example.com' },
    strategy,
    lines: [{ lineId: '1', sku, quantity }],
  });
  const response = await fetch(`${service.baseUrl}/webhooks/${service.runtime.demoTenant.tenantId}/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature': signWebhookBody('generic', service.runtime.demoTenant.webhookSecrets.orders, body),
    },
    body,
  });
  expect(response.status).toBe(200);
  return `orders-${orderId}`;
};

const receipt = (receiptId: string, sku: string, quantity: number) =>
  service.demo.api('POST', '/stock/receipts', { receiptId, warehouseId: 'main', lines: [{ sku, quantity }] });

describe('confirmation strategies over HTTP', () => {
  it('a win order takes stock from a redistribute order that is Ready to Pick', async () => {
    expect(await receipt('E2E-RCV-WIN', 'E2E-WIN', 2)).toMatchObject({ status: 200 });
    const loser = await shopify({ 'E2E-WIN': 2 });
    await settled(loser, 'ReadyToPick');

    const winner = await generic('E2E-WINNER-1', 'E2E-WIN', 2, 'win');
    const won = await settled(winner, 'ReadyToPick');
    expect(won.order).toMatchObject({ strategy: 'win', lines: [expect.objectContaining({ allocated: 2 })] });
    expect(won.history.at(-1)?.reasons.join(' ')).toContain(
      `took 2 × E2E-WIN from order ${loser}: strategy win over redistribute`,
    );

    const lost = await settled(loser, 'AwaitingStock');
    expect(lost.order.lines).toEqual([
      expect.objectContaining({ sku: 'E2E-WIN', allocated: 0, shortfall: 2 }),
    ]);
    expect(lost.history.at(-1)).toMatchObject({
      actions: ['stockLost'],
      statusBefore: 'ReadyToPick',
      statusAfter: 'AwaitingStock',
    });
    expect(lost.history.at(-1)?.reasons.join(' ')).toContain(
      `to order ${winner} (strategy win over redistribute)`,
    );
    expect((await service.demo.stock('E2E-WIN')).total).toEqual({ onHand: 2, allocated: 2, available: 0 });
  }, 60_000);
});

describe('fair share over HTTP', () => {
  it('a receipt of 6 units for three waiting orders short 4 each gives 2 to each', async () => {
    const waiting: string[] = [];
    for (let index = 0; index < 3; index++) {
      const orderId = await shopify({ 'E2E-FAIR': 4 });
      await settled(orderId, 'AwaitingStock');
      waiting.push(orderId);
    }
    expect(await receipt('E2E-RCV-FAIR', 'E2E-FAIR', 6)).toMatchObject({
      status: 200,
      body: { status: 'applied' },
    });
    for (const orderId of waiting) {
      const { detail, settled: done } = await service.demo.orderWhen(
        orderId,
        (found) => found.order.lines[0]?.allocated === 2,
      );
      expect(done).toBe(true);
      expect(detail?.order.lines).toEqual([expect.objectContaining({ allocated: 2, shortfall: 2 })]);
      expect(detail?.history.at(-1)?.reasons.join(' ')).toContain('Fair share from receipt E2E-RCV-FAIR');
    }
    expect((await service.demo.stock('E2E-FAIR')).total).toEqual({ onHand: 6, allocated: 6, available: 0 });
  }, 60_000);
});

/**
 * Channel traffic as it really arrives (DESIGN §10), over HTTP against the local runtime: every
 * order of delivery of one Shopify order's create, two updates and its cancellation ends as
 * in-order delivery does, and nothing reaches a dead-letter queue.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ShopifyTopic } from '../../../infra/local/demo/http-client.js';
import { type DemoOrder, shopifyOrder } from '../../../infra/local/demo/payloads.js';
import { type LocalService, testOrder as order, startLocalService } from '../../support/local-service.js';

let service: LocalService;

beforeAll(async () => {
  service = await startLocalService();
  // Before any order: a warm function reuses the policies it has read for up to 30 s.
  const put = await service.demo.api('PUT', '/policies/skus/E2E-DONE', { onShortage: 'split' });
  expect(put.status).toBe(200);
}, 180_000);

afterAll(async () => {
  await service?.stop();
});

/** The order as the channel sends it at `minute`, with `quantity` units still on it. */
const version = (placed: DemoOrder, minute: number, quantity: number, cancelled = false) => {
  const at = new Date(Date.UTC(2026, 2, 24, 16, minute));
  const body = shopifyOrder(placed, cancelled ? at : undefined);
  return {
    ...body,
    updated_at: at.toISOString(),
    line_items: body.line_items.map((line) => ({ ...line, current_quantity: quantity })),
  };
};

const deliveries = (placed: DemoOrder): Array<[ShopifyTopic, object]> => [
  ['orders/create', version(placed, 0, 4)],
  ['orders/updated', version(placed, 10, 3)],
  ['orders/updated', version(placed, 20, 2)],
  ['orders/cancelled', version(placed, 30, 2, true)],
];

const permutations = <T>(items: readonly T[]): T[][] =>
  items.length <= 1
    ? [[...items]]
    : items.flatMap((item, index) =>
        permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
      );

const finalState = async (placed: DemoOrder) => {
  const detail = await service.demo.order(`shopify-${placed.id}`);
  return {
    status: detail?.order.status,
    held: (detail?.order.lines ?? []).reduce((sum, line) => sum + line.allocated, 0),
  };
};

const deadLetters = (): string[] => {
  const dir = join(service.runtime.dataDir, 'dead-letters');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((file) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== ''),
  );
};

describe('create, update, update, cancel of one Shopify order over HTTP', () => {
  it('converges to the in-order result in all 24 orders of delivery, with no dead letter', async () => {
    const receipt = await service.demo.api('POST', '/stock/receipts', {
      receiptId: 'e2e-traffic',
      warehouseId: 'main',
      lines: [{ sku: 'E2E-TRAFFIC', quantity: 500 }],
    });
    expect(receipt.status).toBe(200);
    const inOrder = order({ 'E2E-TRAFFIC': 4 });
    for (const [topic, body] of deliveries(inOrder))
      expect(
        (await service.demo.shopify(topic, body, `${inOrder.id}-${topic}-${Math.random()}`)).status,
      ).toBe(200);
    await service.runtime.idle();
    const expected = await finalState(inOrder);
    expect(expected).toEqual({ status: 'Cancelled', held: 0 });

    const answers = new Map<string, number>();
    for (const sequence of permutations([0, 1, 2, 3])) {
      const placed = order({ 'E2E-TRAFFIC': 4 });
      const own = deliveries(placed);
      for (const index of sequence) {
        const [topic, body] = own[index] as [ShopifyTopic, object];
        const reply = await service.demo.shopify(topic, body, `${placed.id}-${index}`);
        expect(reply.status).toBe(200);
        const status = String((reply.body as { status?: string }).status);
        answers.set(status, (answers.get(status) ?? 0) + 1);
      }
      await service.runtime.idle();
      expect(await finalState(placed)).toEqual(expected);
    }
    expect(answers.get('stale')).toBeGreaterThan(0);
    expect(deadLetters()).toEqual([]);
    const stock = await service.demo.stock('E2E-TRAFFIC');
    expect(stock).toMatchObject({ levels: [expect.objectContaining({ onHand: 500, allocated: 0 })] });
  }, 300_000);
});

describe("the issue's scenario over HTTP", () => {
  it("a split order updated five times (late, unchanged), picked, updated again: the channel's quantities, no dead letter", async () => {
    await service.demo.api('POST', '/stock/receipts', {
      receiptId: 'e2e-done',
      warehouseId: 'main',
      lines: [{ sku: 'E2E-DONE', quantity: 3 }],
    });
    const placed = order({ 'E2E-DONE': 5 });
    const id = `shopify-${placed.id}`;
    const send = async (topic: ShopifyTopic, minute: number, quantity: number) => {
      const reply = await service.demo.shopify(
        topic,
        version(placed, minute, quantity),
        `${placed.id}-${minute}`,
      );
      expect(reply.status).toBe(200);
      await service.runtime.idle();
      return (reply.body as { status?: string }).status;
    };
    expect(await send('orders/create', 0, 5)).toBe('accepted');
    expect((await service.demo.order(id))?.order.backorderIds).toEqual([`${id}-BO1`]);
    const statuses = [
      await send('orders/updated', 10, 7),
      await send('orders/updated', 30, 4),
      await send('orders/updated', 20, 9), // delivered late
      await send('orders/updated', 40, 4), // a tag change: the same lines
      await send('orders/updated', 50, 6),
    ];
    expect(statuses).toEqual(['accepted', 'accepted', 'stale', 'accepted', 'accepted']);
    const picked = await service.demo.api('POST', `/orders/${id}/fulfilment-started`, {});
    expect(picked.status).toBe(200);
    expect(await send('orders/updated', 55, 4)).toBe('accepted');

    const family = await Promise.all([service.demo.order(id), service.demo.order(`${id}-BO1`)]);
    const units = family
      .flatMap((detail) => detail?.order.lines ?? [])
      .reduce((sum, line) => sum + line.quantity, 0);
    expect(units).toBe(4);
    expect(family.map((detail) => detail?.order.status)).toEqual(['InFulfilment', 'AwaitingStock']);
    const stock = await service.demo.stock('E2E-DONE');
    expect(stock).toMatchObject({ levels: [expect.objectContaining({ onHand: 3, allocated: 3 })] });
    expect(deadLetters()).toEqual([]);
  }, 120_000);
});

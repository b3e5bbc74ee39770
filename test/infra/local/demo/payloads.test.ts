/**
 * The demo's webhook bodies go through the service's own channel mappers as a store's would: the
 * ids, customer and lines the demo relies on come out as the demo expects.
 */
import { describe, expect, it } from '@jest/globals';
import { castOf } from '../../../../infra/local/demo/cast.js';
import { shopifyOrder, wooCommerceOrder } from '../../../../infra/local/demo/payloads.js';
import { mapShopifyWebhook } from '../../../../shared/channels/shopify.js';
import { mapWooCommerceWebhook } from '../../../../shared/channels/woocommerce.js';

const cast = castOf(1_767_225_600_000);
const { orders, skus, orderIds } = cast;

describe('the demo payloads', () => {
  it("a Shopify orders/create maps to Alice's order, under the id the demo reads back", () => {
    const message = mapShopifyWebhook(
      { headers: { 'X-Shopify-Topic': 'orders/create' }, body: JSON.stringify(shopifyOrder(orders.alice)) },
      { warehouseId: 'main' },
    );
    expect(message.kind).toBe('received');
    expect(message.order).toMatchObject({
      orderId: orderIds.alice,
      channelOrderId: orders.alice.id,
      warehouseId: 'main',
      createdAt: orders.alice.createdAt.toISOString().replace(/\.\d{3}Z$/, '.000Z'),
      customer: { name: 'Alice Ng', email: 'alice.ng@example.com' },
      lines: [
        { lineId: `${orders.alice.id}1`, sku: skus.mug, quantity: 1 },
        { lineId: `${orders.alice.id}2`, sku: skus.tee, quantity: 2 },
      ],
    });
  });

  it('a gift card is a line without a SKU, kept but not stock-managed', () => {
    const message = mapShopifyWebhook(
      { headers: { 'X-Shopify-Topic': 'orders/create' }, body: JSON.stringify(shopifyOrder(orders.carol)) },
      { warehouseId: 'main' },
    );
    expect(message.order.lines.map((line) => line.sku)).toEqual([skus.tee, null]);
  });

  it('the Shopify body of a cancellation cancels the same order', () => {
    const message = mapShopifyWebhook(
      {
        headers: { 'X-Shopify-Topic': 'orders/cancelled' },
        body: JSON.stringify(shopifyOrder(orders.alice, new Date())),
      },
      { warehouseId: 'main' },
    );
    expect(message).toMatchObject({
      kind: 'cancelled',
      cancelReason: 'customer',
      order: { orderId: orderIds.alice },
    });
  });

  it("a WooCommerce order.created maps to Bob's order, its gift wrap without a SKU", () => {
    const message = mapWooCommerceWebhook(
      {
        headers: { 'X-WC-Webhook-Topic': 'order.created' },
        body: JSON.stringify(wooCommerceOrder(orders.bob)),
      },
      { warehouseId: 'main' },
    );
    expect(message).toMatchObject({
      kind: 'received',
      order: {
        orderId: orderIds.bob,
        customer: { name: 'Bob Li', email: 'bob.li@example.com' },
        lines: [
          { sku: skus.mug, quantity: 4 },
          { sku: null, quantity: 1 },
        ],
      },
    });
  });

  it('gives every run its own ids and SKUs, so a rerun is a new day rather than a repeat', () => {
    const next = castOf(1_767_225_600_001);
    expect(next.orderIds.alice).not.toBe(orderIds.alice);
    expect(next.skus.mug).not.toBe(skus.mug);
    expect(orderIds.bobBackorder).toBe(`${orderIds.bob}-BO1`);
  });
});

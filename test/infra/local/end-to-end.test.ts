/**
 * The service end to end on the local runtime, driven over HTTP only: webhooks signed as the
 * platforms sign them, the warehouse and operator API with the tenant's key, notifications read
 * from the outbox. One runtime serves every test (starting one is most of the cost); each test
 * uses SKUs and orders of its own, so none depends on another's data.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hasStatus, ServiceClient } from '../../../infra/local/demo/http-client.js';
import { readNotifications } from '../../../infra/local/demo/outbox-reader.js';
import { type DemoOrder, shopifyOrder } from '../../../infra/local/demo/payloads.js';
import { runDemo } from '../../../infra/local/demo/scenario.js';
import { signWebhookBody } from '../../../shared/channels/signatures.js';
import { ensureTenant } from '../../../shared/use-cases/tenants/ensure-tenant.js';
import {
  eventually,
  type LocalService,
  testOrder as order,
  startLocalService,
} from '../../support/local-service.js';
import { fixturePath } from '../../support/matcher-cli.js';

let service: LocalService;

beforeAll(async () => {
  service = await startLocalService();
  // Before any order: a warm function reuses the policies it has read for up to 30 s.
  const put = await service.demo.api('PUT', '/policies/skus/E2E-SPLIT', { onShortage: 'split' });
  expect(put.status).toBe(200);
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

const orderCreate = async (placed: DemoOrder, webhookId = `e2e-${placed.id}`) => {
  const reply = await service.demo.shopify('orders/create', shopifyOrder(placed), webhookId);
  expect(reply).toMatchObject({ status: 200, body: { status: 'accepted', orderId: `shopify-${placed.id}` } });
  return `shopify-${placed.id}`;
};

const settled = async (orderId: string, status: Parameters<typeof hasStatus>[0]) => {
  const { detail, settled } = await service.demo.orderWhen(orderId, hasStatus(status));
  if (!settled || !detail)
    throw new Error(
      `${orderId} is ${detail?.order.status ?? 'missing'}, not ${status}\n${service.logs.slice(-40).join('\n')}`,
    );
  return detail;
};

const emailsAbout = (channelOrderId: string, subject: RegExp) =>
  readNotifications(service.runtime.outboxDir, [channelOrderId]).filter(
    (notification) => notification.kind === 'email' && subject.test(notification.subject ?? ''),
  );

const receipt = (receiptId: string, sku: string, quantity: number) =>
  service.demo.api('POST', '/stock/receipts', { receiptId, warehouseId: 'main', lines: [{ sku, quantity }] });

describe('npm run demo', () => {
  it('plays its scripted day to the end against the runtime', async () => {
    const lines: string[] = [];
    const report = await runDemo({
      baseUrl: service.baseUrl,
      tenant: service.runtime.demoTenant,
      outboxDir: service.runtime.outboxDir,
      write: (line) => lines.push(line),
      // It runs first: no function has read the tenant's policies yet, so its change is in force at once.
      policyReuseMs: 0,
    });
    expect(report.steps).toBe(14);
    expect(report.notifications.filter((n) => n.kind === 'email').length).toBeGreaterThanOrEqual(9);
    const output = lines.join('\n');
    expect(output).toContain(`${report.cast.orderIds.bobBackorder}: AwaitingStock`);
    expect(output).toMatch(/Notifications of this run \(\d+, from /);
  }, 60_000);
});

describe('an order over HTTP', () => {
  it('a short Shopify order goes Awaiting Stock, and an email about it lands in the outbox', async () => {
    const placed = order({ 'E2E-WAIT': 2 });
    const orderId = await orderCreate(placed);

    const detail = await settled(orderId, 'AwaitingStock');
    expect(detail.order.lines).toEqual([
      expect.objectContaining({ sku: 'E2E-WAIT', allocated: 0, shortfall: 2 }),
    ]);
    const [email] = await eventually(() => {
      const found = emailsAbout(placed.id, /is awaiting stock/);
      return found.length > 0 ? found : undefined;
    }, 'the Awaiting Stock email');
    expect(email?.text).toContain(`our id ${orderId}`);
    expect(email?.text).toContain('E2E-WAIT × 2');
    const sms = readNotifications(service.runtime.outboxDir, [placed.id]).filter((n) => n.kind === 'sms');
    expect(sms.map((n) => n.text)).toEqual([expect.stringMatching(/is awaiting stock: E2E-WAIT x2\.$/)]);
  });

  it('a receipt allocates to the waiting order, which leaves Awaiting Stock with a Backorder Fulfilled email', async () => {
    const placed = order({ 'E2E-FILL': 1 });
    const orderId = await orderCreate(placed);
    await settled(orderId, 'AwaitingStock');

    const reply = await receipt('E2E-RCV-FILL', 'E2E-FILL', 1);
    expect(reply).toMatchObject({ status: 200, body: { status: 'applied' } });
    const detail = await settled(orderId, 'ReadyToPick');
    expect(detail.order.allocations).toEqual([
      { lineId: `${placed.id}1`, sku: 'E2E-FILL', warehouseId: 'main', allocated: 1 },
    ]);
    expect(detail.history.at(-1)).toMatchObject({
      statusBefore: 'AwaitingStock',
      statusAfter: 'ReadyToPick',
    });
    expect((await service.demo.stock('E2E-FILL')).total).toEqual({ onHand: 1, allocated: 1, available: 0 });
    // The Backorder Fulfilled event's notification: the order is ready to pick.
    const [email] = await eventually(() => {
      const found = emailsAbout(placed.id, /is ready to pick/);
      return found.length > 0 ? found : undefined;
    }, 'the Backorder Fulfilled email');
    expect(email?.text).toContain('is now fully in stock and ready to pick');
  });

  it('an order split at intake (SKU policy `split`) is seen from both sides through the operator API', async () => {
    await expect(receipt('E2E-RCV-SPLIT', 'E2E-SPLIT', 1)).resolves.toMatchObject({ status: 200 });
    const placed = order({ 'E2E-SPLIT': 3 });
    const parentId = await orderCreate(placed);
    const backorderId = `${parentId}-BO1`;

    const parent = await settled(parentId, 'ReadyToPick');
    const backorder = await settled(backorderId, 'AwaitingStock');
    expect(parent.order.backorderIds).toEqual([backorderId]);
    expect(parent.family.parent).toBeNull();
    expect(parent.family.backorders.map((member) => member.orderId)).toEqual([backorderId]);
    expect(backorder.order.parentId).toBe(parentId);
    expect(backorder.family.parent?.orderId).toBe(parentId);
    expect(backorder.family.rootOrderId).toBe(parentId);
    expect(parent.family.members.map((member) => member.orderId).sort()).toEqual(
      backorder.family.members.map((member) => member.orderId).sort(),
    );
    // The family's quantities add up to what was ordered.
    const quantity = (detail: typeof parent) =>
      detail.order.lines.reduce((sum, line) => sum + line.quantity, 0);
    expect([quantity(parent), quantity(backorder)]).toEqual([1, 2]);
  });

  it('repeated webhooks change nothing', async () => {
    // WooCommerce's own sample order, sent byte for byte twice (it has no delivery id to repeat).
    const wooBody = readFileSync(fixturePath('webhooks/woocommerce.order-created.rest-docs-v3.json'), 'utf8');
    const sendWoo = () =>
      fetch(`${service.baseUrl}/webhooks/demo/woocommerce`, {
        method: 'POST',
        body: wooBody,
        headers: {
          'content-type': 'application/json',
          'x-wc-webhook-topic': 'order.created',
          'x-wc-webhook-signature': signWebhookBody(
            'woocommerce',
            service.runtime.demoTenant.webhookSecrets.woocommerce,
            wooBody,
          ),
        },
      });
    expect(await (await sendWoo()).json()).toEqual({ status: 'accepted', orderId: 'woocommerce-727' });
    const placed = order({ 'E2E-REPEAT': 1 });
    const shopifyId = await orderCreate(placed, 'e2e-repeat-delivery');
    const before = await Promise.all([
      settled('woocommerce-727', 'AwaitingStock'),
      settled(shopifyId, 'AwaitingStock'),
    ]);

    expect(await (await sendWoo()).json()).toEqual({ status: 'duplicate', orderId: 'woocommerce-727' });
    const again = await service.demo.shopify('orders/create', shopifyOrder(placed), 'e2e-repeat-delivery');
    expect(again).toMatchObject({ status: 200, body: { status: 'duplicate', orderId: shopifyId } });
    // The same order under a new delivery id is a new event about an order the service has.
    const redelivered = await service.demo.shopify(
      'orders/create',
      shopifyOrder(placed),
      'e2e-repeat-new-id',
    );
    expect(redelivered.status).toBe(200);
    await service.runtime.idle();

    const after = await Promise.all([service.demo.order('woocommerce-727'), service.demo.order(shopifyId)]);
    expect(after).toEqual(before);
    expect(emailsAbout(placed.id, /is awaiting stock/)).toHaveLength(1);
    expect(emailsAbout('727', /is awaiting stock/)).toHaveLength(1);
  });

  it("another tenant's key is refused the demo tenant's orders", async () => {
    const orderId = await orderCreate(order({ 'E2E-TENANT': 1 }));
    await settled(orderId, 'AwaitingStock');
    // Setting up the other tenant is the one step not over HTTP: tenants are created by a CLI.
    const other = {
      tenantId: 'other',
      apiKey: 'other-tenant-key-1',
      webhookSecrets: { shopify: 'other-shopify', woocommerce: 'other-woo', orders: 'other-orders' },
    };
    await ensureTenant(service.runtime.wiring('operator-api').directory, other);
    const intruder = new ServiceClient(service.baseUrl, other);

    const read = await intruder.api('GET', `/orders/${orderId}`);
    expect(read).toMatchObject({ status: 404, body: { error: { code: expect.any(String) } } });
    const cancel = await intruder.api('POST', `/orders/${orderId}/cancel`, { reason: 'not mine' });
    expect(cancel.status).toBe(404);
    const list = await intruder.api('GET', '/orders?sku=E2E-TENANT');
    expect(list).toMatchObject({ status: 200, body: { orders: [] } });
    // The other tenant's webhook secret does not sign for the demo tenant.
    const forged = await new ServiceClient(service.baseUrl, { ...other, tenantId: 'demo' }).shopify(
      'orders/create',
      shopifyOrder(order({ 'E2E-TENANT': 1 })),
      'e2e-forged',
    );
    expect(forged.status).toBe(401);
    expect(
      (await new ServiceClient(service.baseUrl, { ...other, apiKey: 'no-such-key-1' }).api('GET', '/orders'))
        .status,
    ).toBe(401);
    expect((await fetch(`${service.baseUrl}/orders`)).status).toBe(401);
    await settled(orderId, 'AwaitingStock');
  });
});

/**
 * Recipients that a tenant controls, end to end on the local runtime and over HTTP only (but for
 * creating the second tenant, which is a CLI's job): a recipient for Awaiting Stock on Shopify
 * orders, confirmed by the link its confirmation email carries, hears of the tenant's Shopify
 * orders only, never of another tenant's, and nothing once removed. The dev stage's topic also
 * has the local outbox subscriber, which receives everything: each negative check first waits
 * for that copy, so "not received" is checked after the notification went out. A recipient for
 * Overdue hears once of an order the sweep finds waiting past `escalateAfterDays`.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { ServiceClient } from '../../../infra/local/demo/http-client.js';
import type { OutboxNotification } from '../../../infra/local/demo/outbox-reader.js';
import { shopifyOrder } from '../../../infra/local/demo/payloads.js';
import { OUTBOX_EMAIL } from '../../../infra/local/runtime/subscriptions.js';
import { signWebhookBody } from '../../../shared/channels/signatures.js';
import { ensureTenant } from '../../../shared/use-cases/tenants/ensure-tenant.js';
import {
  eventually,
  type LocalService,
  testOrder as order,
  startLocalService,
} from '../../support/local-service.js';

const RECIPIENT = 'buyer@example.com';
let service: LocalService;

beforeAll(async () => {
  service = await startLocalService();
}, 120_000);

afterAll(async () => {
  await service?.stop();
});

const readAllEmails = (): OutboxNotification[] => {
  const dir = service.runtime.outboxDir;
  return readdirSync(dir)
    .filter((file) => file.endsWith('.eml'))
    .map((file) => {
      const message = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n');
      const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(message)?.[1] ?? '';
      return { kind: 'email', at: new Date(), to: header('To'), subject: header('Subject'), text: message };
    });
};

/** Every email of the outbox that tells of `orderId` (as the texts name it: "our id <orderId>"). */
const emailsAbout = (orderId: string): OutboxNotification[] =>
  readAllEmails().filter((email) => email.text.includes(`our id ${orderId})`));

/** Waits until the outbox subscriber has the Awaiting Stock email of `orderId`: it has been sent. */
const sent = (orderId: string) =>
  eventually(
    () =>
      emailsAbout(orderId).find(
        (email) => email.to === OUTBOX_EMAIL && /awaiting stock/i.test(email.subject ?? ''),
      ),
    `the Awaiting Stock notification of ${orderId}\n${service.logs.slice(-30).join('\n')}`,
  );
const receivedBy = (address: string, orderId: string) =>
  emailsAbout(orderId).filter((email) => email.to === address);

const shopifyShort = async (client: ServiceClient, sku: string) => {
  const placed = order({ [sku]: 2 });
  const reply = await client.shopify('orders/create', shopifyOrder(placed), `rcp-e2e-${placed.id}`);
  expect(reply.status).toBe(200);
  return `shopify-${placed.id}`;
};

const genericShort = async (client: ServiceClient, sku: string, createdAt?: Date) => {
  const placed = order({ [sku]: 2 });
  const body = JSON.stringify({
    type: 'order.created',
    orderId: placed.id,
    createdAt: (createdAt ?? placed.createdAt).toISOString(),
    customer: { name: 'Grace Hopper', email: 'grace@example.com' },
    lines: [{ lineId: '1', sku, quantity: 2 }],
  });
  const response = await fetch(`${service.baseUrl}/webhooks/${client.tenant.tenantId}/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature': signWebhookBody('generic', client.tenant.webhookSecrets.orders, body),
    },
    body,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { orderId: string }).orderId;
};

it('a confirmed recipient for Awaiting Stock on Shopify hears of its Shopify orders only, and nothing once removed', async () => {
  const demo = service.demo;
  const added = await demo.api('POST', '/notifications/recipients', {
    protocol: 'email',
    endpoint: RECIPIENT,
    eventTypes: ['AwaitingStock'],
    channel: 'shopify',
  });
  expect(added).toMatchObject({ status: 200, body: { state: 'pending', endpoint: RECIPIENT } });
  const { recipientId } = added.body as { recipientId: string };

  // Unconfirmed, it receives nothing.
  const early = await shopifyShort(demo, 'RCP-E2E-1');
  await sent(early);
  expect(receivedBy(RECIPIENT, early)).toEqual([]);

  const confirmation = readAllEmails().find(
    (email) => email.to === RECIPIENT && email.text.includes('ConfirmSubscription'),
  );
  const link = /(http:\/\/\S+ConfirmSubscription\S+)/.exec(confirmation?.text ?? '')?.[1];
  expect(link).toBeDefined();
  expect((await fetch(link as string)).status).toBe(200);
  const listed = await demo.api('GET', '/notifications/recipients');
  expect(listed).toMatchObject({ status: 200, body: { recipients: [{ recipientId, state: 'confirmed' }] } });

  // A Shopify order of the tenant reaches it; a generic one does not.
  const shopify = await shopifyShort(demo, 'RCP-E2E-2');
  await eventually(() => receivedBy(RECIPIENT, shopify)[0], `the email to ${RECIPIENT} about ${shopify}`);
  const generic = await genericShort(demo, 'RCP-E2E-3');
  await sent(generic);
  expect(receivedBy(RECIPIENT, generic)).toEqual([]);

  // Another tenant's Shopify order never reaches it.
  const other = {
    tenantId: 'rcp-other',
    apiKey: 'rcp-other-tenant-key-1',
    webhookSecrets: {
      shopify: 'rcp-other-shopify',
      woocommerce: 'rcp-other-woo',
      orders: 'rcp-other-orders',
    },
  };
  await ensureTenant(service.runtime.wiring('operator-api').directory, other);
  const otherClient = new ServiceClient(service.baseUrl, other);
  const foreign = await shopifyShort(otherClient, 'RCP-E2E-4');
  await sent(foreign);
  expect(receivedBy(RECIPIENT, foreign)).toEqual([]);
  expect((await otherClient.api('GET', '/notifications/recipients')).body).toEqual({ recipients: [] });
  expect((await otherClient.api('DELETE', `/notifications/recipients/${recipientId}`)).status).toBe(404);

  // Removed, it hears of nothing more.
  expect(await demo.api('DELETE', `/notifications/recipients/${recipientId}`)).toMatchObject({
    status: 200,
    body: { status: 'removed', recipientId },
  });
  const late = await shopifyShort(demo, 'RCP-E2E-5');
  await sent(late);
  expect(receivedBy(RECIPIENT, late)).toEqual([]);
  expect((await demo.api('GET', '/notifications/recipients')).body).toEqual({ recipients: [] });
}, 120_000);

/** A tenant of its own, with a confirmed email recipient for each of `wanted`'s event types. */
const tenantWithRecipients = async (tenantId: string, wanted: Record<string, string[]>) => {
  const tenant = {
    tenantId,
    apiKey: `${tenantId}-tenant-key-1`,
    webhookSecrets: { shopify: `${tenantId}-s`, woocommerce: `${tenantId}-w`, orders: `${tenantId}-o` },
  };
  await ensureTenant(service.runtime.wiring('operator-api').directory, tenant);
  const client = new ServiceClient(service.baseUrl, tenant);
  for (const [endpoint, eventTypes] of Object.entries(wanted)) {
    const added = await client.api('POST', '/notifications/recipients', {
      protocol: 'email',
      endpoint,
      eventTypes,
    });
    expect(added.status).toBe(200);
    const confirmation = await eventually(
      () =>
        readAllEmails().find((email) => email.to === endpoint && email.text.includes('ConfirmSubscription')),
      `the confirmation email to ${endpoint}`,
    );
    const link = /(http:\/\/\S+ConfirmSubscription\S+)/.exec(confirmation.text)?.[1];
    expect((await fetch(link as string)).status).toBe(200);
  }
  return client;
};

it('tells a recipient who asked for Overdue, once, of an order waiting past escalateAfterDays', async () => {
  const OVERDUE = 'escalations@example.com';
  const WAITING = 'waiting-only@example.com';
  const client = await tenantWithRecipients('rcp-overdue', {
    [OVERDUE]: ['Overdue'],
    [WAITING]: ['AwaitingStock'],
  });
  expect((await client.api('PUT', '/policies', { escalateAfterDays: 3 })).status).toBe(200);
  // Placed ten days ago (a channel's backlog), it has waited past the three days once taken in.
  const orderId = await genericShort(client, 'RCP-OVERDUE', new Date(Date.now() - 10 * 86_400_000));
  await eventually(() => receivedBy(WAITING, orderId)[0], `the Awaiting Stock email about ${orderId}`);
  expect(receivedBy(OVERDUE, orderId)).toEqual([]);

  const overdueEmails = () =>
    receivedBy(OVERDUE, orderId).filter((email) => /overdue/.test(email.subject ?? ''));
  expect((await client.sweep()).status).toBe(200);
  const [told] = await eventually(
    () => (overdueEmails().length > 0 ? overdueEmails() : undefined),
    `the Overdue email about ${orderId}\n${service.logs.slice(-30).join('\n')}`,
  );
  expect(told?.subject).toMatch(/is overdue: waiting 10 days \(1 SKU short\)$/);
  expect(told?.text).toContain('- RCP-OVERDUE × 2');
  // The outbox subscriber's copy and the Awaiting Stock recipient's: it went out, but not to them.
  await eventually(
    () => receivedBy(OUTBOX_EMAIL, orderId).find((email) => /overdue/.test(email.subject ?? '')),
    'the outbox copy of the Overdue email',
  );
  expect(receivedBy(WAITING, orderId).map((email) => email.subject)).not.toContainEqual(
    expect.stringContaining('overdue'),
  );

  // A second sweep announces nothing more.
  expect((await client.sweep()).status).toBe(200);
  const more = await genericShort(client, 'RCP-OVERDUE-2');
  await eventually(() => receivedBy(WAITING, more)[0], `the Awaiting Stock email about ${more}`);
  expect(overdueEmails()).toHaveLength(1);
}, 120_000);

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The console's notification recipients in a real browser (Chromium, headless) against the local
 * runtime: the list with each recipient's endpoint, protocol, event types, filters and state; adding
 * one (the API's refusals shown beside the controls, nothing added); removing one after a
 * confirmation; every control named; a keyboard alone; both widths. Screenshots go to
 * `.local/screenshots/`.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshotsAtTwoWidths, shows, type TestBrowser } from '../support/browser.js';
import { type LocalService, startLocalService } from '../support/local-service.js';

let service: LocalService;
let browser: TestBrowser;
let page: Page;

const stored = async () =>
  (
    (await service.demo.api('GET', '/notifications/recipients')).body as {
      recipients: Array<{ endpoint: string; eventTypes: string[]; channel?: string[]; state: string }>;
    }
  ).recipients;

const table = () => page.getByRole('region', { name: 'Recipients' });

const open = async () => {
  await page.goto(`${service.baseUrl}/#/recipients`);
  await page.getByRole('heading', { name: 'Add a recipient' }).waitFor();
};

beforeAll(async () => {
  service = await startLocalService();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(`${service.baseUrl}/`);
  await page.getByLabel('API key').fill('demo-api-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

it("shows the API's refusal beside the control it concerns, and adds nothing", async () => {
  await page.getByRole('link', { name: 'Recipients' }).click();
  await page.getByRole('heading', { name: 'Notification recipients', level: 1 }).waitFor();
  await page.getByText('Nobody is notified yet.').waitFor();
  await page.getByLabel('Email address or phone number').fill('not-an-address');
  await page.getByLabel('Awaiting stock').check();
  await page.getByRole('button', { name: 'Add recipient' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Not added' });
  await shows(alert, 'Email address or phone number: Not an email address');
  const endpoint = page.getByLabel('Email address or phone number');
  expect(await endpoint.getAttribute('aria-invalid')).toBe('true');
  expect(await endpoint.evaluate((element) => element === document.activeElement)).toBe(true);
  await shows(page.locator('#error-endpoint'), 'Not an email address');
  expect(await stored()).toEqual([]);
}, 60_000);

it('adds an email recipient for Awaiting Stock on Shopify (pending) and an SMS one for Overdue', async () => {
  await open();
  await page.getByLabel('Email address or phone number').fill('buyer@example.com');
  await page.getByLabel('Awaiting stock').check();
  await page.getByLabel('Channels').fill('shopify');
  await page.getByRole('button', { name: 'Add recipient' }).click();
  await shows(
    page.getByRole('status'),
    'buyer@example.com was added. It is pending until the address confirms.',
  );
  const email = table().locator('tbody tr').filter({ hasText: 'buyer@example.com' });
  await shows(email, 'Email');
  await shows(email, 'Awaiting stock');
  await shows(email, 'Channel: shopify');
  await shows(email, 'pending');

  await page.getByLabel('Protocol').selectOption('sms');
  await page.getByLabel('Email address or phone number').fill('+4790000001');
  await page.getByLabel('Overdue').check();
  await page.getByLabel('Change refused').check();
  await page.getByLabel('Warehouses').fill('main, north');
  await page.getByRole('button', { name: 'Add recipient' }).click();
  const sms = table().locator('tbody tr').filter({ hasText: '+4790000001' });
  await shows(sms, 'SMS');
  await shows(sms, 'Change refused, Overdue');
  await shows(sms, 'Warehouse: main, north');
  await shows(sms, 'confirmed');
  expect(await stored()).toEqual([
    expect.objectContaining({
      endpoint: 'buyer@example.com',
      eventTypes: ['AwaitingStock'],
      channel: ['shopify'],
    }),
    expect.objectContaining({ endpoint: '+4790000001', eventTypes: ['ChangeRefused', 'Overdue'] }),
  ]);
  // Nothing is wider than the screen but the table, which scrolls in its own region.
  expect(await screenshotsAtTwoWidths(page, 'recipients')).toBeLessThanOrEqual(0);
}, 60_000);

it('removes a recipient only once the removal is confirmed', async () => {
  await open();
  await page.getByRole('button', { name: 'Remove +4790000001' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove +4790000001?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect((await stored()).map((recipient) => recipient.endpoint)).toContain('+4790000001');

  await page.getByRole('button', { name: 'Remove +4790000001' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove recipient' }).click();
  await shows(page.getByRole('status'), '+4790000001 was removed.');
  expect(await table().locator('tbody tr').filter({ hasText: '+4790000001' }).count()).toBe(0);
  expect((await stored()).map((recipient) => recipient.endpoint)).toEqual(['buyer@example.com']);
}, 60_000);

it('names every control, has the landmarks, and lets a keyboard alone add and remove a recipient', async () => {
  await open();
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button, a[href]')]
      .filter((element) => {
        const labelled = (element as HTMLInputElement).labels?.length;
        const named = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby');
        const text = element.textContent?.trim();
        return !labelled && !named && !text;
      })
      .map((element) => element.outerHTML),
  );
  expect(unnamed).toEqual([]);
  for (const role of ['banner', 'navigation', 'main'] as const)
    expect([role, await page.getByRole(role).count()]).toEqual([role, 1]);

  const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('name'));
  for (let presses = 0; presses < 40 && (await focusedName()) !== 'protocol'; presses++)
    await page.keyboard.press('Tab');
  expect(await focusedName()).toBe('protocol');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ops@example.com');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // Awaiting stock
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // Backorder fulfilled
  await page.keyboard.press('Enter');
  const row = table().locator('tbody tr').filter({ hasText: 'ops@example.com' });
  await shows(row, 'Awaiting stock, Backorder fulfilled');

  await page.getByRole('button', { name: 'Remove ops@example.com' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Remove ops@example.com?' });
  await dialog.waitFor();
  // The dialog takes the focus; Escape closes it and changes nothing.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Remove ops@example.com' }).focus();
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Remove recipient');
  await page.keyboard.press('Enter');
  await shows(page.getByRole('status'), 'ops@example.com was removed.');
  expect((await stored()).map((recipient) => recipient.endpoint)).toEqual(['buyer@example.com']);
}, 90_000);

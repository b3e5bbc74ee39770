/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The operator console in a real browser (Chromium, headless) against the local runtime, which
 * serves it at `/` as built by synthesis: sign-in, the queue and its filters, an order and its
 * history, an allocation and a bulk hold previewed then confirmed, both widths, and what a person
 * with a screen reader or only a keyboard needs. Screenshots go to `.local/screenshots/`.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { shopifyOrder } from '../../infra/local/demo/payloads.js';
import { launchBrowser, SHOTS, screenshotsAtTwoWidths, shows, type TestBrowser } from '../support/browser.js';
import {
  eventually,
  type LocalService,
  testOrder as order,
  startLocalService,
} from '../support/local-service.js';

let service: LocalService;
let browser: TestBrowser;
let page: Page;
const ids: Record<'fillable' | 'holdA' | 'holdB' | 'keyboard', string> = {
  fillable: '',
  holdA: '',
  holdB: '',
  keyboard: '',
};

const place = async (lines: Record<string, number>) => {
  const placed = order(lines);
  const reply = await service.demo.shopify('orders/create', shopifyOrder(placed), `ui-${placed.id}`);
  expect(reply.status).toBe(200);
  const orderId = `shopify-${placed.id}`;
  await eventually(
    async () => ((await service.demo.order(orderId))?.order.status === 'AwaitingStock' ? true : undefined),
    `${orderId} waiting`,
  );
  return orderId;
};

const statusOf = async (orderId: string) => (await service.demo.order(orderId))?.order.status;

const focusedOn = async (locator: Locator) => {
  await locator.waitFor();
  expect(await locator.evaluate((element) => element === document.activeElement)).toBe(true);
};

const signIn = async (key = 'demo-api-key') => {
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

const filterBySku = async (sku: string) => {
  await page.goto(`${service.baseUrl}/#/queue`);
  await page.getByLabel('SKU', { exact: true }).fill(sku);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('region', { name: 'Awaiting stock orders' }).waitFor();
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  service = await startLocalService();
  // Stock for UI-ALLOC waits for a person: the order becomes fillable, for the operator to allocate.
  expect((await service.demo.api('PUT', '/policies/skus/UI-ALLOC', { autoAllocate: false })).status).toBe(
    200,
  );
  ids.fillable = await place({ 'UI-ALLOC': 2 });
  ids.holdA = await place({ 'UI-HOLD': 1 });
  ids.holdB = await place({ 'UI-HOLD': 3 });
  ids.keyboard = await place({ 'UI-KEY': 1 });
  const receipt = await service.demo.api('POST', '/stock/receipts', {
    receiptId: 'ui-r-1',
    warehouseId: 'main',
    lines: [{ sku: 'UI-ALLOC', quantity: 2 }],
  });
  expect(receipt.status).toBe(200);
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

it('refuses a wrong key with a message, and signs in with the right one', async () => {
  await page.goto(`${service.baseUrl}/`);
  await signIn('not-the-key-at-all');
  await shows(page.getByRole('alert'), 'That API key was not accepted. Check it and try again.');
  await signIn();
  await page.getByRole('heading', { name: 'Awaiting stock', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Right now' }).waitFor();
}, 60_000);

it('finds waiting orders by SKU, with their place in the SKU queue', async () => {
  await filterBySku('UI-HOLD');
  const rows = page.getByRole('region', { name: 'Awaiting stock orders' }).locator('tbody tr');
  await rows.nth(1).waitFor();
  expect(await rows.count()).toBe(2);
  await shows(rows.nth(0), ids.holdA);
  await shows(rows.nth(0), '#1 in queue');
  await shows(rows.nth(1), ids.holdB);
  await shows(rows.nth(1), '#2 in queue');
  // Nothing is wider than the screen but the table, which scrolls in its own region.
  expect(await screenshotsAtTwoWidths(page, 'queue')).toBeLessThanOrEqual(0);
}, 60_000);

it('opens an order and reads its history: what, who, why and the policy in force', async () => {
  await filterBySku('UI-ALLOC');
  await page.getByRole('link', { name: ids.fillable }).click();
  await page.getByRole('heading', { name: 'History' }).waitFor();
  await shows(page.getByRole('article'), '(channel)');
  await page.getByText('Policy in force').first().waitFor();
  await page.getByText('Policy in force').first().click();
  await page.getByRole('cell', { name: 'sku:UI-ALLOC' }).first().waitFor();
}, 60_000);

it('previews an allocation by its dry run, then confirms it', async () => {
  await page.goto(`${service.baseUrl}/#/orders/${ids.fillable}`);
  await page.getByLabel('Act', { exact: true }).selectOption('allocate');
  await page.getByLabel('Reason', { exact: true }).fill('Stock arrived for a VIP');
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  await shows(preview, 'Nothing has changed yet');
  await shows(preview, 'AwaitingStock → ReadyToPick');
  expect(await statusOf(ids.fillable)).toBe('AwaitingStock');
  await page.screenshot({ path: `${SHOTS}order-preview-1280.png`, fullPage: true });
  await preview.getByRole('button', { name: /^Confirm/ }).click();
  await shows(page.getByRole('region', { name: 'Results' }), '1 applied, 0 refused');
  expect(await statusOf(ids.fillable)).toBe('ReadyToPick');
  const detail = await service.demo.order(ids.fillable);
  expect(detail?.history.at(-1)?.reasons.join(' ')).toContain('Stock arrived for a VIP');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await shows(page.locator('h1 .status'), 'ReadyToPick');
  await screenshotsAtTwoWidths(page, 'order');
}, 60_000);

it("shows a refusal with the API's message, and holds two orders at once", async () => {
  await filterBySku('UI-HOLD');
  await page.getByLabel(`Select order ${ids.holdA}`).check();
  await page.getByLabel(`Select order ${ids.holdB}`).check();
  await page.getByText('2 orders selected.').waitFor();
  await page.getByLabel('Act', { exact: true }).selectOption('unhold');
  await page.getByLabel('Reason', { exact: true }).fill('Wrong act on purpose');
  await page.getByRole('button', { name: 'Preview' }).click();
  await shows(
    page.getByRole('region', { name: 'Preview' }),
    `would be refused. Cannot unhold order ${ids.holdA} while it is AwaitingStock`,
  );
  await page.getByLabel('Act', { exact: true }).selectOption('hold');
  await page.getByLabel('Reason', { exact: true }).fill('Customers asked us to wait');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('region', { name: 'Preview' }).getByRole('button', { name: 'Confirm: Hold' }).click();
  const results = page.getByRole('region', { name: 'Results' });
  await shows(results, '2 applied, 0 refused');
  await shows(results, `${ids.holdA}: held, now OnHold.`);
  expect([await statusOf(ids.holdA), await statusOf(ids.holdB)]).toEqual(['OnHold', 'OnHold']);
}, 60_000);

it('names every control, has the landmarks, and lets a keyboard alone reach and confirm an act', async () => {
  for (const path of ['#/queue', `#/orders/${ids.keyboard}`, '#/stock?sku=UI-HOLD', '#/policies']) {
    await page.goto(`${service.baseUrl}/${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page
      .locator('[role=status].loading')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => {});
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
    expect([path, unnamed]).toEqual([path, []]);
    for (const role of ['banner', 'navigation', 'main'] as const)
      expect([role, await page.getByRole(role).count()]).toEqual([role, 1]);
  }

  await page.goto(`${service.baseUrl}/#/orders/${ids.keyboard}`);
  await page.getByRole('heading', { name: 'History' }).waitFor();
  const focused = () =>
    page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.textContent);
  for (let presses = 0; presses < 40 && (await focused()) !== 'act'; presses++)
    await page.keyboard.press('Tab');
  expect(await focused()).toBe('act');
  await page.keyboard.press('ArrowDown');
  expect(await page.getByLabel('Act', { exact: true }).inputValue()).toBe('hold');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Held from the keyboard');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  // The preview takes the focus, so the next Tab is its confirm button.
  await focusedOn(page.getByRole('heading', { name: /^Preview: Hold/ }));
  await page.keyboard.press('Tab');
  await focusedOn(page.getByRole('button', { name: 'Confirm: Hold' }));
  await page.keyboard.press('Enter');
  await shows(page.getByRole('region', { name: 'Results' }), '1 applied');
  expect(await statusOf(ids.keyboard)).toBe('OnHold');
}, 90_000);

it('returns to sign-in when the key stops being accepted', async () => {
  await page.evaluate(() => sessionStorage.setItem('backorder.apiKey', 'revoked-key-0000'));
  await page.goto(`${service.baseUrl}/#/queue`);
  await shows(page.getByRole('alert'), 'Your API key was refused or is no longer valid. Sign in again.');
  await page.getByLabel('API key').waitFor();
}, 60_000);

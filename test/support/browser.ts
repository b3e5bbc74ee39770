/**
 * A real browser for the console's tests: Debian's Chromium (`/usr/bin/chromium`, which CI
 * installs with apt-get), driven by playwright-core, headless, with a fresh profile each time.
 * No browser is ever downloaded.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export const launchBrowser = async (): Promise<TestBrowser> => {
  const profile = mkdtempSync(join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** Waits until the element shows the text (playwright-core has no assertions of its own). */
export const shows = (locator: Locator, text: string | RegExp) =>
  locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });

/** Where the console's tests leave their screenshots, for people to look at. */
export const SHOTS = new URL('../../.local/screenshots/', import.meta.url).pathname;

/**
 * Screenshots the page as it is, 1,280 and 390 pixels wide (`.local/screenshots/<name>-<width>.png`),
 * and answers how many pixels the page was wider than the phone's screen: 0 when only the tables,
 * in their own scrolling regions, are wider.
 */
export const screenshotsAtTwoWidths = async (page: Page, name: string): Promise<number> => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}${name}-390.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.setViewportSize({ width: 1280, height: 900 });
  return overflow;
};

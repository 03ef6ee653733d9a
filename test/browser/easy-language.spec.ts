import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { makeDataDir, spawnServer, startServer } from '../support/server.js';

/**
 * § 4 BITV 2.0: a public body's site explains itself in Leichte Sprache and German Sign
 * Language, reachable from the start page. Werkraum ships the Leichte Sprache page; the sign
 * language video is the operator's (ACCESSIBILITY_SIGN_LANGUAGE_URL).
 */
describe('Leichte Sprache and German Sign Language (§ 4 BITV 2.0)', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function germanPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'de-DE', reducedMotion: 'reduce' });
    return context.newPage();
  }

  /** Tabs from the top of the page until `testId` has focus; fails after 60 steps. */
  async function tabTo(page: Page, testId: string) {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() =>
        document.activeElement?.getAttribute('data-testid'),
      );
      if (focused === testId) return;
    }
    throw new Error(`${testId} not reached with Tab`);
  }

  it('the start page leads by keyboard to the page; without a video it says so', async () => {
    const server = await startServer({ serveWeb: true });
    try {
      const page = await germanPage();
      await page.goto(server.url);
      await page.getByTestId('create-board-submit').waitFor();
      await tabTo(page, 'easy-language-link');
      await page.keyboard.press('Enter');
      await page.getByTestId('easy-language-page').waitFor();
      expect(new URL(page.url()).pathname).toBe('/leichte-sprache');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
        'Leichte Sprache',
      );
      const headings = await page.locator('[data-testid="easy-section"] h2').allTextContents();
      expect(headings).toEqual([
        'Was ist Werkraum?',
        'Was steht auf der Seite?',
        'Wie mache ich mit?',
        'Wie benutze ich die Seite?',
        'Was passiert mit meinen Daten?',
        'Was klappt noch nicht gut?',
      ]);
      // Short sentences: every paragraph of the explanation stays short.
      const sentences = await page.locator('[data-testid="easy-section"] p').allTextContents();
      expect(sentences.length).toBeGreaterThan(20);
      for (const sentence of sentences) expect(sentence.length, sentence).toBeLessThan(160);
      await expect(page.getByTestId('easy-sign-language').textContent()).resolves.toContain(
        'Es gibt noch kein Video in Deutscher Gebärden·sprache.',
      );

      // The statement names the gap and links the Leichte Sprache page.
      await page.goto(`${server.url}/barrierefreiheit`);
      await page.getByTestId('statement-sign-gap').waitFor();
      const alternatives = page.getByTestId('statement-alternatives').getByRole('link');
      await expect(alternatives.count()).resolves.toBe(1);
      const href = (await alternatives.first().getAttribute('href')) ?? '';
      expect(new URL(href, page.url()).pathname).toBe('/leichte-sprache');

      // In Arabic the same page is a plain-language text, right to left.
      await page.goto(`${server.url}/leichte-sprache`);
      await page.getByTestId('language-select').first().selectOption('ar');
      await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      const arabic = await page.getByRole('heading', { level: 1 }).textContent();
      expect(arabic).not.toBe('Leichte Sprache');
      expect(arabic).toMatch(/\p{Script=Arabic}/u);
      await page.context().close();
    } finally {
      await server.close();
    }
  });

  it("links the operator's sign-language video on the page and in the statement", async () => {
    const video = 'https://musterland.example/dgs/werkraum.mp4';
    const dataDir = await makeDataDir();
    const server = await spawnServer({ dataDir, env: { ACCESSIBILITY_SIGN_LANGUAGE_URL: video } });
    try {
      const page = await germanPage();
      await page.goto(`${server.url}/leichte-sprache`);
      const link = page.getByTestId('easy-sign-language').getByRole('link');
      await expect(link.getAttribute('href')).resolves.toBe(video);
      await expect(link.textContent()).resolves.toBe('Video in Deutscher Gebärden·sprache ansehen');

      await page.goto(`${server.url}/barrierefreiheit`);
      await page.getByTestId('accessibility-statement').waitFor();
      await expect(page.getByTestId('statement-sign-gap').count()).resolves.toBe(0);
      const hrefs = await page
        .getByTestId('statement-alternatives')
        .getByRole('link')
        .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
      expect(hrefs).toEqual([`${server.url}/leichte-sprache`, video]);
      await page.context().close();
    } finally {
      await server.kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

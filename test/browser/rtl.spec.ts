import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, launchBrowser } from '../support/browser.js';
import { connectClient } from '../support/clients.js';
import { fillWithMusterland } from '../support/musterland.js';
import { startServer, tokens, type CreatedBoard } from '../support/server.js';

describe('right-to-left languages', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startServer({ serveWeb: true });
    browser = await launchBrowser();
    board = await server.createBoard();
    const client = connectClient(server.wsUrl, board.id, { token: tokens(board).facilitator });
    await client.whenSynced();
    fillWithMusterland(client.model);
    client.model.setSession({ openStep: 3 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    client.destroy();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openInArabic(role: 'facilitator' | 'participant', width: number) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'de-DE' });
    // The language a person picked is remembered on the device.
    await context.addInitScript(() => localStorage.setItem('werkraum.locale', 'ar'));
    const page = await context.newPage();
    await page.goto(`${server.url}/b/${board.id}#${tokens(board)[role]}`);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    if (role === 'participant') await page.getByTestId('join-anonymous').click();
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    return { context, page };
  }

  it('mirrors the board: html dir and lang, the timeline runs from the right', async () => {
    const { context, page } = await openInArabic('facilitator', 1280);
    expect(
      await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
    ).toEqual(['ar', 'rtl']);
    const box = async (phase: number) =>
      (await page.locator(`[data-testid="phase"][data-phase="${phase}"]`).boundingBox())!;
    const [one, two, three] = [await box(1), await box(2), await box(3)];
    // Phase 1 sits at the inline start, which is the right in Arabic.
    expect(one.x).toBeGreaterThan(two.x);
    expect(two.x).toBeGreaterThan(three.x);
    // Board text in other scripts keeps its own direction.
    expect(await page.getByTestId('goal-title').first().getAttribute('dir')).toBe('auto');
    // The interface itself speaks Arabic (the board's content stays as written).
    const phase = (await page.locator('[data-testid="phase"][data-phase="1"]').innerText()).trim();
    expect(phase).toMatch(/\p{Script=Arabic}/u);
    expect(phase).not.toMatch(/[äöüß]|Phase/);
    // No German interface text is left: none of the German messages (long enough to be
    // unambiguous, and different in Arabic) appears on the page.
    const [german, arabic] = ['de', 'ar'].map(
      (locale) =>
        JSON.parse(
          readFileSync(new URL(`../../apps/web/messages/${locale}.json`, import.meta.url), 'utf8'),
        ) as Record<string, unknown>,
    );
    // Every text node and read-aloud attribute, each as a whole (board content is not a message).
    const shown = new Set(
      await page.evaluate(() => {
        const texts: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          texts.push((node.textContent ?? '').trim());
        }
        for (const el of document.querySelectorAll('[aria-label],[placeholder],[title]')) {
          for (const name of ['aria-label', 'placeholder', 'title']) {
            const value = el.getAttribute(name);
            if (value) texts.push(value.trim());
          }
        }
        return texts;
      }),
    );
    const leftovers = Object.entries(german!)
      .filter(
        ([key, text]) => typeof text === 'string' && text.length >= 12 && text !== arabic![key],
      )
      .filter(([, text]) => shown.has(text as string))
      .map(([key]) => key);
    expect(leftovers).toEqual([]);
    await page.screenshot({ path: artefactPath('board-ar-1280.png'), fullPage: true });
    await context.close();
  });

  it('switches the interface language at once, without a reload, and keeps it', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'de-DE',
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/b/${board.id}#${tokens(board).facilitator}`);
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    const phase = page.locator('[data-testid="phase"][data-phase="1"]');
    const german = (await phase.innerText()).trim();
    expect(german).toMatch(/\p{Script=Latin}/u);
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    await page.getByTestId('language-select').first().selectOption('uk');
    await page.waitForFunction(() => document.documentElement.lang === 'uk');
    await expect.poll(async () => (await phase.innerText()).trim()).toMatch(/\p{Script=Cyrillic}/u);
    await page.getByTestId('language-select').first().selectOption('fa');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect.poll(async () => (await phase.innerText()).trim()).toMatch(/\p{Script=Arabic}/u);
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();

    // Remembered on this device: a new visit opens in Farsi.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'fa');
    await expect.poll(async () => (await phase.innerText()).trim()).toMatch(/\p{Script=Arabic}/u);
    await context.close();
  });

  it('shows the participant view in Arabic on a phone without sideways scrolling', async () => {
    const { context, page } = await openInArabic('participant', 360);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artefactPath('participant-ar-360.png'), fullPage: true });
    await context.close();
  });
});

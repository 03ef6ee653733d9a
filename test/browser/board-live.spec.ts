import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, laptopContext, launchBrowser, phoneContext } from '../support/browser.js';
import { startServer } from '../support/server.js';

/** The values of every text control with test id `testId` on the page. */
async function values(page: Page, testId: string): Promise<string[]> {
  return page
    .getByTestId(testId)
    .evaluateAll((els) => els.map((el) => (el as HTMLInputElement | HTMLTextAreaElement).value));
}

/** Resolves once a text control with test id `testId` holds `text`; fails after `timeoutMs`. */
async function shows(page: Page, testId: string, text: string, timeoutMs: number) {
  await expect
    .poll(() => values(page, testId), { timeout: timeoutMs, interval: 25 })
    .toContain(text);
}

describe('the board in the browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ serveWeb: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('two people on one board link see each other’s goal, milestone and measure within 1 s', async () => {
    const laptop = await laptopContext(browser);
    const phone = await phoneContext(browser);
    const a = await laptop.newPage();
    const b = await phone.newPage();
    const errors: string[] = [];
    for (const page of [a, b]) page.on('pageerror', (error) => errors.push(error.message));

    // The facilitator creates the board on the start page and lands on it.
    await a.goto(server.url);
    await a.getByTestId('create-board-municipality').fill('Landkreis Musterland');
    await a.getByTestId('create-board-title').fill('Integrationsstrategie 2027–2030');
    await a.getByTestId('create-board-submit').click();
    await a.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/);
    await a.locator('[data-testid="role-badge"][data-role="facilitator"]').waitFor();
    // The token is not left in the address bar (a beamer or screen share would show it).
    expect(a.url()).toMatch(/\/b\/[A-Za-z0-9_-]{22}$/);
    await a.getByTestId('show-links').click();
    const link = await a
      .locator('[data-testid="role-link"][data-role="steering"]')
      .evaluate((el) =>
        el instanceof HTMLInputElement ? el.value : (el.textContent ?? '').trim(),
      );
    expect(link).toMatch(new RegExp(`^${a.url()}#[A-Za-z0-9_-]{22}$`));

    // A steering-group member opens the shared link on a phone.
    await b.goto(link);
    for (const page of [a, b]) {
      await page.locator('[data-testid="connection-status"][data-state="connected"]').waitFor();
    }
    expect(await b.getByTestId('board-title').inputValue()).toBe('Integrationsstrategie 2027–2030');
    await expect.poll(() => b.getByTestId('step-card').count()).toBe(10);

    // A adds a field, a goal in it, a milestone and a measure under the goal.
    await a.getByTestId('add-field-input').fill('Sprache und Bildung');
    await a.getByTestId('add-field-input').press('Enter');
    await shows(b, 'field-title', 'Sprache und Bildung', 1_000);

    const field = a.getByTestId('field-card').first();
    await field.getByTestId('add-goal-input').fill('Sprachkurs innerhalb von 6 Wochen');
    await field.getByTestId('add-goal-input').press('Enter');
    await shows(b, 'goal-title', 'Sprachkurs innerhalb von 6 Wochen', 1_000);

    const goal = field.getByTestId('goal-card').first();
    await goal.getByTestId('add-milestone-input').fill('Zwei Kursstandorte im Nordkreis');
    await goal.getByTestId('add-milestone-input').press('Enter');
    await shows(b, 'milestone-title', 'Zwei Kursstandorte im Nordkreis', 1_000);

    await goal.getByTestId('add-measure-input').fill('Kurse mit Kinderbetreuung');
    await goal.getByTestId('add-measure-input').press('Enter');
    await shows(b, 'measure-title', 'Kurse mit Kinderbetreuung', 1_000);

    // The phone sets the measure's owner and status; the laptop sees it.
    const measureOnPhone = b.getByTestId('goal-card').getByTestId('measure-item').first();
    await measureOnPhone.getByTestId('measure-owner').fill('Volkshochschule');
    await measureOnPhone.getByTestId('measure-status').selectOption('inProgress');
    const measureOnLaptop = goal.getByTestId('measure-item').first();
    await expect
      .poll(() => measureOnLaptop.getAttribute('data-status'), { timeout: 1_000 })
      .toBe('inProgress');
    await expect
      .poll(() => measureOnLaptop.getByTestId('measure-owner').inputValue(), { timeout: 1_000 })
      .toBe('Volkshochschule');

    // No sideways scrolling on the phone.
    const overflow = await b.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await a.screenshot({ path: artefactPath('board-laptop-1280.png'), fullPage: true });
    await b.screenshot({ path: artefactPath('board-phone-360.png'), fullPage: true });

    // A reload of either keeps everything.
    for (const page of [a, b]) {
      await page.reload();
      await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
      await expect.poll(() => values(page, 'field-title')).toEqual(['Sprache und Bildung']);
      expect(await values(page, 'goal-title')).toEqual(['Sprachkurs innerhalb von 6 Wochen']);
      expect(await values(page, 'milestone-title')).toEqual(['Zwei Kursstandorte im Nordkreis']);
      expect(await values(page, 'measure-title')).toEqual(['Kurse mit Kinderbetreuung']);
      expect(await values(page, 'measure-owner')).toEqual(['Volkshochschule']);
    }
    expect(errors).toEqual([]);
    await laptop.close();
    await phone.close();
  });

  it('explains links that do not work instead of failing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // A malformed board id.
    await page.goto(`${server.url}/b/not-a-board`);
    await page.getByTestId('error-page').waitFor();
    expect(await page.getByTestId('error-page').getAttribute('data-status')).toBe('404');
    // A board address without its secret part.
    await page.goto(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA`);
    await page.getByTestId('missing-token').waitFor();
    // A link whose secret is not (or no longer) valid.
    await page.goto(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA#BBBBBBBBBBBBBBBBBBBBBB`);
    await page.getByTestId('link-revoked').waitFor();
    await context.close();
  });
});

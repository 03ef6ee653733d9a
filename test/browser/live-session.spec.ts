import jsqrModule from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, laptopContext, launchBrowser, phoneContext } from '../support/browser.js';
import { startServer } from '../support/server.js';

// jsqr is CommonJS with an ES-style default export: under Node's interop the function sits on
// `default` of the module object.
const jsQR = ((jsqrModule as unknown as { default?: typeof jsqrModule }).default ??
  jsqrModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

async function decodeQr(page: Page, testId: string): Promise<string | null> {
  const png = PNG.sync.read(await page.getByTestId(testId).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe('the live workshop in the browser', () => {
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

  it('facilitator, participant and beamer: agenda, timer, focus, count and a QR code that joins', async () => {
    const laptop = await laptopContext(browser);
    const facilitator = await laptop.newPage();
    const errors: string[] = [];
    facilitator.on('pageerror', (e) => errors.push(e.message));
    await facilitator.goto(server.url);
    await facilitator.getByTestId('create-board-municipality').fill('Landkreis Musterland');
    await facilitator.getByTestId('create-board-title').fill('Analyseworkshop 2027');
    await facilitator.getByTestId('create-board-submit').click();
    await facilitator.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/);
    await facilitator.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    const boardUrl = facilitator.url();
    await facilitator.getByTestId('add-field-input').fill('Sprache und Bildung');
    await facilitator.getByTestId('add-field-input').press('Enter');
    const fieldCard = facilitator.getByTestId('field-card').first();
    await fieldCard.waitFor();
    const fieldId = (await fieldCard.getAttribute('data-id'))!;
    await facilitator.getByTestId('show-links').click();
    const participantLink = await facilitator
      .locator('[data-testid="role-link"][data-role="participant"]')
      .evaluate((el) =>
        el instanceof HTMLInputElement ? el.value : (el.textContent ?? '').trim(),
      );
    expect(participantLink).toMatch(new RegExp(`^${boardUrl}#[A-Za-z0-9_-]{22}$`));

    // The beamer: a window of the facilitator's laptop on the projector.
    const beamer = await laptop.newPage();
    beamer.on('pageerror', (e) => errors.push(e.message));
    await beamer.setViewportSize({ width: 1280, height: 720 });
    await beamer.goto(`${boardUrl}/beamer`);
    await beamer.getByTestId('beamer').waitFor();

    // A participant joins on a phone with the link from the QR code.
    const joined = await decodeQr(beamer, 'beamer-qr');
    expect(joined).toBe(participantLink);
    const phone = await phoneContext(browser);
    const participant = await phone.newPage();
    participant.on('pageerror', (e) => errors.push(e.message));
    await participant.goto(joined!);
    await participant.getByTestId('join-anonymous').click();
    await participant.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    await beamer.locator('[data-testid="beamer-count"][data-count="1"]').waitFor();

    // The facilitator sets the agenda, starts a 10-minute timer and focuses the field.
    await facilitator.getByTestId('agenda-input').fill('Ist-Stand sammeln');
    await facilitator.getByTestId('agenda-save').click();
    await facilitator.getByTestId('timer-minutes').fill('10');
    await facilitator.getByTestId('timer-start').click();
    await facilitator.locator(`[data-testid="focus-button"][data-id="${fieldId}"]`).click();

    await expect
      .poll(() => beamer.getByTestId('beamer-agenda').innerText())
      .toContain('Ist-Stand sammeln');
    await expect
      .poll(() => participant.getByTestId('agenda-display').innerText())
      .toContain('Ist-Stand sammeln');
    await beamer.locator(`[data-testid="beamer-focus"][data-id="${fieldId}"]`).waitFor();
    await participant
      .locator(`[data-testid="field-card"][data-id="${fieldId}"][data-focused="true"]`)
      .waitFor();
    const remaining = async (page: Page, testId: string) =>
      Number(await page.getByTestId(testId).getAttribute('data-remaining'));
    await expect.poll(() => remaining(participant, 'timer-display')).toBeGreaterThan(590);
    const [onBeamer, onPhone] = [
      await remaining(beamer, 'beamer-timer'),
      await remaining(participant, 'timer-display'),
    ];
    expect(Math.abs(onBeamer - onPhone)).toBeLessThanOrEqual(1);

    await beamer.waitForTimeout(500); // let the focus transition finish before the artefact
    await beamer.screenshot({ path: artefactPath('beamer-1280x720.png') });
    await beamer.setViewportSize({ width: 1920, height: 1080 });
    await beamer.waitForTimeout(300);
    await beamer.screenshot({ path: artefactPath('beamer-1920x1080.png') });
    expect(await decodeQr(beamer, 'beamer-qr')).toBe(participantLink);
    // No scrollbars on the projector at either size.
    expect(
      await beamer.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1),
    ).toBe(true);
    await facilitator.screenshot({
      path: artefactPath('facilitator-session-1280.png'),
      fullPage: true,
    });
    await participant.screenshot({
      path: artefactPath('participant-session-360.png'),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await laptop.close();
    await phone.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, laptopContext, launchBrowser, phoneContext } from '../support/browser.js';
import { connectClient, type BoardClient } from '../support/clients.js';
import { fillWithMusterland } from '../support/musterland.js';
import { connectSession, request } from '../support/session.js';
import { startServer, tokens, type CreatedBoard } from '../support/server.js';
import { eventually } from '../support/wait.js';

/**
 * Fault-suite item 6 (weak wifi): a participant goes offline, edits, reloads the page while
 * still offline, comes back — and the facilitator sees the edits, once each.
 *
 * What this proves: with Chromium's offline emulation (`context.setOffline`), the page itself
 * loads again from the service worker's cache (the document response is marked
 * `x-werkraum-cache: offline`, and the board API is unreachable, so the page says it opened from
 * this device's copy); the board and the offline edits come from the IndexedDB copy; on
 * `online` the board channel reconnects at once and the server confirms the kept changes.
 */
/** Generous: the 2-core CI machines run other suites at the same time. */
const POLL = { timeout: 10_000, interval: 50 };
const ADDED = 'Beratung nur vormittags erreichbar';
const TYPED = ' – auch samstags';

async function values(page: Page, testId: string): Promise<string[]> {
  return page
    .getByTestId(testId)
    .evaluateAll((els) => els.map((el) => (el as HTMLInputElement | HTMLTextAreaElement).value));
}

async function notice(page: Page): Promise<{ kind: string | null; unsynced: number }> {
  const el = page.getByTestId('offline-notice');
  return {
    kind: await el.getAttribute('data-kind'),
    unsynced: Number(await el.getAttribute('data-unsynced')),
  };
}

describe('weak wifi in the browser (fault suite 6)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let board: CreatedBoard;
  let observer: BoardClient;

  beforeAll(async () => {
    server = await startServer({ serveWeb: true });
    browser = await launchBrowser();
    board = await server.createBoard();
    observer = connectClient(server.wsUrl, board.id, {
      token: tokens(board).facilitator,
      author: 'Moderation',
    });
    await observer.whenSynced();
    fillWithMusterland(observer.model);
    const socket = await connectSession(server.url, {
      boardId: board.id,
      token: tokens(board).facilitator,
    });
    expect(await request(socket, 'session:openStep', { step: 5 })).toMatchObject({ ok: true });
    socket.close();
  });

  afterAll(async () => {
    observer?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('a participant edits offline, reloads offline, comes back; the facilitator sees it once', async () => {
    const laptop = await laptopContext(browser);
    const phone = await phoneContext(browser);
    const errors: string[] = [];
    const facilitator = await laptop.newPage();
    const participant = await phone.newPage();
    for (const page of [facilitator, participant]) {
      page.on('pageerror', (error) => errors.push(error.message));
    }

    await facilitator.goto(`${server.url}/b/${board.id}#${tokens(board).facilitator}`);
    await facilitator.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();

    await participant.goto(`${server.url}/b/${board.id}#${tokens(board).participant}`);
    await participant.getByTestId('join-name').fill('Amira K.');
    await participant.getByTestId('join-with-name').click();
    await participant.getByTestId('join-dialog').waitFor({ state: 'hidden' });
    await participant.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    await participant.locator('[data-testid="participation-banner"][data-open-step="5"]').waitFor();
    // The service worker took over this page (it keeps the app shell for the offline reload).
    await expect
      .poll(() => participant.evaluate(() => navigator.serviceWorker.controller !== null), POLL)
      .toBe(true);
    const fieldsBefore = (await values(participant, 'field-title')).length;

    // Offline.
    await phone.setOffline(true);
    await participant
      .locator('[data-testid="connection-status"][data-state="offline"]')
      .waitFor({ timeout: 5_000 });
    await participant.locator('[data-testid="offline-notice"][data-kind="offline"]').waitFor();

    // Adds an item and types more text into it.
    const field = participant.getByTestId('field-card').first();
    await field.getByTestId('add-ist-stand-input').fill(ADDED);
    await field.getByTestId('add-ist-stand-input').press('Enter');
    await expect.poll(() => values(participant, 'ist-stand-text'), POLL).toContain(ADDED);
    const index = (await values(participant, 'ist-stand-text')).indexOf(ADDED);
    const text = participant.getByTestId('ist-stand-text').nth(index);
    await text.click();
    await text.press('Control+End');
    await text.pressSequentially(TYPED);
    await expect.poll(() => values(participant, 'ist-stand-text'), POLL).toContain(ADDED + TYPED);
    await expect.poll(async () => (await notice(participant)).unsynced, POLL).toBe(1);
    expect((await notice(participant)).kind).toBe('offline');
    await participant.getByTestId('offline-unsynced').waitFor();
    await participant.screenshot({ path: artefactPath('offline-participant-360.png') });

    // Nothing reached the server meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(observer.model.list('istStand').map((i) => i.text)).not.toContain(ADDED);
    expect(observer.model.list('istStand').some((i) => i.text.startsWith(ADDED))).toBe(false);

    // Reload while still offline: the shell comes from the service worker, the board and the
    // edits from this device's copy.
    const reloaded = await participant.reload();
    expect(reloaded?.headers()['x-werkraum-cache']).toBe('offline');
    await participant.getByTestId('opened-offline').waitFor();
    await participant.locator('[data-testid="board"][data-ready="true"]').waitFor();
    await expect.poll(() => values(participant, 'ist-stand-text'), POLL).toContain(ADDED + TYPED);
    expect((await values(participant, 'field-title')).length).toBe(fieldsBefore);
    await participant.locator('[data-testid="offline-notice"][data-kind="offline"]').waitFor();
    expect((await notice(participant)).unsynced).toBe(1);
    expect(observer.model.list('istStand').some((i) => i.text.startsWith(ADDED))).toBe(false);

    // Back online: reconnects at once, the server confirms, the facilitator sees the edits.
    await phone.setOffline(false);
    await participant.locator('[data-testid="offline-notice"][data-kind="saved"]').waitFor({
      timeout: 10_000,
    });
    expect((await notice(participant)).unsynced).toBe(0);
    await expect.poll(() => values(facilitator, 'ist-stand-text'), POLL).toContain(ADDED + TYPED);
    await eventually(
      () => expect(observer.model.list('istStand').map((i) => i.text)).toContain(ADDED + TYPED),
      { timeoutMs: 10_000 },
    );

    // Nothing duplicated: one item with the text, everywhere; the facilitator's board too.
    const count = (texts: string[]) => texts.filter((t) => t.startsWith(ADDED)).length;
    expect(count(observer.model.list('istStand').map((i) => i.text))).toBe(1);
    expect(count(await values(facilitator, 'ist-stand-text'))).toBe(1);
    expect(count(await values(participant, 'ist-stand-text'))).toBe(1);
    expect((await values(facilitator, 'field-title')).length).toBe(fieldsBefore);
    // And after another reload (online now), still once.
    await participant.reload();
    await participant.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    await expect.poll(() => values(participant, 'ist-stand-text'), POLL).toContain(ADDED + TYPED);
    expect(count(await values(participant, 'ist-stand-text'))).toBe(1);
    expect((await notice(participant)).unsynced).toBe(0);

    // No sideways scrolling at 360 px.
    const overflow = await participant.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await laptop.close();
    await phone.close();
  });

  it('an offline edit the server refuses on return is dropped with the copy, not replayed', async () => {
    const socket = await connectSession(server.url, {
      boardId: board.id,
      token: tokens(board).facilitator,
    });
    expect(await request(socket, 'session:openStep', { step: 5 })).toMatchObject({ ok: true });
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const page = await phone.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/b/${board.id}#${tokens(board).participant}`);
    await page.getByTestId('join-anonymous').click();
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    await page.locator('[data-testid="participation-banner"][data-open-step="5"]').waitFor();

    await phone.setOffline(true);
    await page.locator('[data-testid="offline-notice"][data-kind="offline"]').waitFor();
    const late = 'Zu spät: Schritt schon geschlossen';
    const field = page.getByTestId('field-card').first();
    await field.getByTestId('add-ist-stand-input').fill(late);
    await field.getByTestId('add-ist-stand-input').press('Enter');
    await expect.poll(() => values(page, 'ist-stand-text'), POLL).toContain(late);
    // Meanwhile the facilitator closes the step: participants may no longer add.
    expect(await request(socket, 'session:openStep', { step: null })).toMatchObject({ ok: true });
    socket.close();

    // Back online: the server refuses the kept edit (4403); the board starts afresh from the
    // server without it, says so, and does not send it again.
    await phone.setOffline(false);
    await page.getByTestId('write-refused').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    await expect.poll(() => values(page, 'ist-stand-text'), POLL).not.toContain(late);
    expect((await notice(page)).unsynced).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await page.getByTestId('write-refused').count()).toBe(1);
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    expect(observer.model.list('istStand').map((i) => i.text)).not.toContain(late);
    // A reload (online) finds no trace of it in the copy either.
    await page.reload();
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    expect(await values(page, 'ist-stand-text')).not.toContain(late);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await page.getByTestId('write-refused').count()).toBe(0);
    expect(await page.getAttribute('[data-testid="connection-status"]', 'data-state')).toBe(
      'connected',
    );
    expect(errors).toEqual([]);
    await phone.close();
  });
});

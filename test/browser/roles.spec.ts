import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, launchBrowser } from '../support/browser.js';
import { connectClient, type BoardClient } from '../support/clients.js';
import { fillWithMusterland } from '../support/musterland.js';
import { connectSession, request } from '../support/session.js';
import { startServer, tokens, type CreatedBoard, type Role } from '../support/server.js';
import { eventually } from '../support/wait.js';
import { XSS_CORPUS, fillWithXss } from '../support/xss.js';

describe('roles in the browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let board: CreatedBoard;
  let facilitator: BoardClient;
  let goalId: string;

  beforeAll(async () => {
    server = await startServer({ serveWeb: true });
    browser = await launchBrowser();
    board = await server.createBoard();
    facilitator = connectClient(server.wsUrl, board.id, {
      token: tokens(board).facilitator,
      author: 'Moderation',
    });
    await facilitator.whenSynced();
    fillWithMusterland(facilitator.model);
    goalId = facilitator.model.list('goal')[0]!.id;
    const socket = await connectSession(server.url, {
      boardId: board.id,
      token: tokens(board).facilitator,
    });
    expect(await request(socket, 'session:openStep', { step: 5 })).toMatchObject({ ok: true });
    socket.close();
  });

  afterAll(async () => {
    facilitator?.destroy();
    await browser?.close();
    await server?.close();
  });

  async function open(role: Role, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport, locale: 'de-DE' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/b/${board.id}#${tokens(board)[role]}`);
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    await page.locator(`[data-testid="role-badge"][data-role="${role}"]`).waitFor();
    return { context, page, errors };
  }

  const goalTitle = () => facilitator.model.get(goalId, 'goal')!.title;

  it('the beamer link shows the board with no editing controls', async () => {
    const { context, page, errors } = await open('viewer', { width: 1280, height: 720 });
    const main = page.getByTestId('board');
    await main.getByText(goalTitle()).first().waitFor();
    const controls = await main
      .locator('input, textarea, select, button, [contenteditable]:not([contenteditable="false"])')
      .count();
    expect(controls).toBe(0);
    expect(page.url()).toBe(`${server.url}/b/${board.id}`);
    await page.screenshot({ path: artefactPath('viewer-1280x720.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a participant cannot delete the facilitator's goal: the UI hides it, the server refuses a forged update", async () => {
    const { context, page, errors } = await open('participant', { width: 360, height: 780 });
    // Participants first choose a name or to stay anonymous.
    await page.getByTestId('join-name').fill('Amira K.');
    await page.getByTestId('join-with-name').click();
    await page.getByTestId('join-dialog').waitFor({ state: 'hidden' });
    await page.locator('[data-testid="participation-banner"][data-open-step="5"]').waitFor();
    const goalCard = page.getByTestId('goal-card').first();
    await goalCard.waitFor();
    expect(await goalCard.getByTestId('goal-delete').count()).toBe(0);
    // Step 5 is open: the participant adds an Ist-Stand item of their own and may delete that.
    const field = page.getByTestId('field-card').first();
    await field.getByTestId('add-ist-stand-input').fill('Beratung nur vormittags erreichbar');
    await field.getByTestId('add-ist-stand-input').press('Enter');
    await eventually(() =>
      expect(facilitator.model.list('istStand').map((i) => i.text)).toContain(
        'Beratung nur vormittags erreichbar',
      ),
    );
    const mine = facilitator.model
      .list('istStand')
      .find((i) => i.text === 'Beratung nur vormittags erreichbar')!;
    expect(mine.createdBy).toBe('Amira K.');
    expect(
      await page
        .locator(
          `[data-testid="ist-stand-item"][data-id="${mine.id}"] [data-testid="ist-stand-delete"]`,
        )
        .count(),
    ).toBe(1);
    await page.screenshot({ path: artefactPath('participant-360.png'), fullPage: true });

    // A forged delete with the participant's link, outside the UI.
    const forger = connectClient(server.wsUrl, board.id, { token: tokens(board).participant });
    await forger.whenSynced();
    forger.model.delete(goalId);
    await eventually(() => expect(forger.closes).toContain(4403));
    forger.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(facilitator.model.get(goalId, 'goal')).toBeDefined();
    expect(await page.getByTestId('goal-card').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('renders an XSS corpus in every text field as inert text', async () => {
    fillWithXss(facilitator.model);
    for (const role of ['facilitator', 'viewer'] as const) {
      const { context, page, errors } = await open(role, { width: 1280, height: 900 });
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.getByTestId('board').waitFor();
      await page.waitForTimeout(500);
      const probe = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: string }).__xss ?? null,
        injected: document.querySelectorAll(
          'img[src="x"], iframe, details[ontoggle], svg[onload], a[href^="javascript:"], body[onload], math',
        ).length,
        inlineScripts: [...document.querySelectorAll('script')].filter(
          (s) => !s.src && s.textContent?.includes('__xss'),
        ).length,
        text:
          document.body.innerText +
          [...document.querySelectorAll('input, textarea')]
            .map((e) => (e as HTMLInputElement).value)
            .join('\n'),
      }));
      expect({
        role,
        xss: probe.xss,
        injected: probe.injected,
        scripts: probe.inlineScripts,
        dialogs,
      }).toEqual({
        role,
        xss: null,
        injected: 0,
        scripts: 0,
        dialogs: [],
      });
      // The payloads are shown literally, as text.
      for (const payload of XSS_CORPUS.slice(0, 4)) expect(probe.text).toContain(payload);
      await page.screenshot({ path: artefactPath(`xss-${role}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

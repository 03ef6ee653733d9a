import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, launchBrowser } from '../support/browser.js';
import { connectClient, type BoardClient } from '../support/clients.js';
import { startServer, tokens, type CreatedBoard } from '../support/server.js';

const POLL = { timeout: 10_000, interval: 50 };

/**
 * Step 8 (Präsentation) in the browser: the press-release draft generated from the newest
 * Zielerklärung (who does what by when, in the page's language), then the public results page
 * published, read without a link token, and withdrawn.
 */
describe('press release and public results page (step 8)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let board: CreatedBoard;
  let facilitator: BoardClient;

  beforeAll(async () => {
    server = await startServer({ serveWeb: true });
    browser = await launchBrowser();
    board = await server.createBoard({
      municipality: 'Landkreis Musterland',
      title: 'Integrationsstrategie 2027',
    });
    facilitator = connectClient(server.wsUrl, board.id, {
      token: tokens(board).facilitator,
      author: 'Kim',
    });
    await facilitator.whenSynced();
    const model = facilitator.model;
    const field = model.create('field', { content: { title: 'Arbeit und Ausbildung' } });
    model.update(field, { decided: true });
    const goal = model.create('goal', {
      parentId: field,
      content: { title: 'Mehr Geflüchtete in Ausbildung', decided: true },
    });
    const withOwner = model.create('measure', {
      parentId: field,
      content: {
        title: 'Ausbildungsmesse mit Dolmetschung',
        owner: 'Jobcenter',
        due: '2027-03-31',
        decided: true,
      },
    });
    const plain = model.create('measure', {
      parentId: field,
      content: { title: 'Sprachkurs für Azubis', decided: true },
    });
    model.link('serves', withOwner, goal);
    model.link('serves', plain, goal);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const recorded = await fetch(`${server.url}/api/boards/${board.id}/versions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens(board).facilitator}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        kind: 'zielerklaerung',
        name: 'Zielerklärung 2027',
        createdBy: 'Kim',
      }),
    });
    expect(recorded.status).toBe(201);
  });

  afterAll(async () => {
    facilitator?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('generates the draft, publishes the page, and withdraws it', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'de-DE',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/b/${board.id}?step=8#${tokens(board).facilitator}`);
    await page.getByTestId('step-8').waitFor();
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();

    // The draft from the Zielerklärung: headline, decision, goal and who does what by when.
    const generate = page.getByTestId('generate-press-release');
    await expect.poll(() => generate.isEnabled(), POLL).toBe(true);
    await generate.click();
    await expect
      .poll(() => facilitator.model.toPlain().pressRelease, POLL)
      .toContain('Landkreis Musterland: Integrationsstrategie 2027 beschlossen');
    const draft = facilitator.model.toPlain().pressRelease;
    expect(draft).toContain('Ziel: Mehr Geflüchtete in Ausbildung');
    expect(draft).toContain('– Ausbildungsmesse mit Dolmetschung (verantwortlich: Jobcenter, bis');
    // A measure without owner and due date is a line of its own, without empty brackets.
    expect(draft).toMatch(/^– Sprachkurs für Azubis$/m);
    // Nobody's text is overwritten: generating again is not offered while there is a draft.
    await expect.poll(() => generate.isDisabled(), POLL).toBe(true);

    // Publish: the public page shows the text without any link token.
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-dialog-confirm').click();
    const state = page.locator('[data-testid="publication-state"][data-published="true"]');
    await state.waitFor({ timeout: POLL.timeout });
    const href = await page.getByTestId('public-link').getAttribute('href');
    const publicUrl = new URL(href!, page.url()).href;
    const reader = await browser.newContext({ locale: 'de-DE' });
    const pub = await reader.newPage();
    await pub.goto(publicUrl);
    await pub.locator('[data-testid="public-page"][data-state="ok"]').waitFor();
    expect(await pub.getByTestId('public-text').innerText()).toContain(
      'Ausbildungsmesse mit Dolmetschung',
    );
    await pub.screenshot({ path: artefactPath('public-page-de.png'), fullPage: true });

    // Withdraw: the same address now says it is not (or no longer) published.
    await page.getByTestId('unpublish').click();
    await page.getByTestId('unpublish-dialog-confirm').click();
    await page.locator('[data-testid="publication-state"][data-published="false"]').waitFor();
    await pub.reload();
    await pub.locator('[data-testid="public-page"][data-state="notFound"]').waitFor();

    expect(errors).toEqual([]);
    await reader.close();
    await context.close();
  });

  it('step 7 lists a Zielerklärung someone else recorded, with their name, without reopening', async () => {
    const context = await browser.newContext({ locale: 'de-DE', reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${server.url}/b/${board.id}?step=7#${tokens(board).steering}`);
    const listed = page.getByTestId('zielerklaerung');
    await expect.poll(() => listed.count(), POLL).toBe(1);
    const recorded = await fetch(`${server.url}/api/boards/${board.id}/versions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens(board).facilitator}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ kind: 'zielerklaerung', name: 'Nachtrag Mai', createdBy: 'Amira' }),
    });
    expect(recorded.status).toBe(201);
    await expect.poll(() => listed.count(), POLL).toBe(2);
    expect(await listed.first().innerText()).toMatch(/Nachtrag Mai[\s\S]*von Amira/);
    await context.close();
  });
});

import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, launchBrowser } from '../support/browser.js';
import { connectClient, type BoardClient } from '../support/clients.js';
import { connectSession, request } from '../support/session.js';
import { startServer, tokens, type CreatedBoard, type Role } from '../support/server.js';

/**
 * The tools for working between meetings (issue #5): comments, search, the thread of an item,
 * the delete confirmation that shows what hangs on an item, and the exports.
 */
describe('tools between meetings', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let board: CreatedBoard;
  let facilitator: BoardClient;
  let ids: { field: string; goal: string; need: string; measure: string; other: string };
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ serveWeb: true });
    browser = await launchBrowser();
    board = await server.createBoard();
    facilitator = connectClient(server.wsUrl, board.id, {
      token: tokens(board).facilitator,
      author: 'Moderation',
    });
    await facilitator.whenSynced();
    const model = facilitator.model;
    const field = model.create('field', { content: { title: 'Sprache und Bildung' } });
    const goal = model.create('goal', {
      parentId: field,
      content: { title: 'Sprachkurse für Eltern' },
    });
    model.create('milestone', { parentId: goal, content: { title: 'Zwei Kursorte' } });
    const need = model.create('need', {
      content: { text: 'Deutsch lernen, während die Kinder betreut werden', lang: 'de' },
    });
    model.link('takenUpBy', need, goal);
    const measure = model.create('measure', {
      parentId: field,
      content: {
        title: 'Kurse mit Kinderbetreuung',
        owner: 'Volkshochschule Nord',
        due: '2020-01-15',
        status: 'inProgress',
        decided: true,
      },
    });
    model.link('serves', measure, goal);
    const other = model.create('measure', {
      parentId: field,
      content: { title: 'Lernpatenschaften', owner: 'Ehrenamt', due: '2099-12-31' },
    });
    model.link('serves', other, goal);
    const report = model.create('report', {
      content: { type: 'quarterly', date: '2027-04-15', notes: '' },
    });
    model.create('statusEntry', {
      parentId: report,
      content: { measureId: measure, status: 'atRisk', comment: 'Es fehlt eine Kursleitung.' },
    });
    model.create('statusEntry', {
      parentId: report,
      content: { measureId: other, status: 'onTrack', comment: '' },
    });
    ids = { field, goal, need, measure, other };
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    facilitator?.destroy();
    await browser?.close();
    await server?.close();
  });

  async function open(role: Role, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({
      viewport,
      locale: 'de-DE',
      reducedMotion: 'reduce',
      acceptDownloads: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`${role}: ${error.message}`));
    await page.goto(`${server.url}/b/${board.id}#${tokens(board)[role]}`);
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    await page.locator(`[data-testid="role-badge"][data-role="${role}"]`).waitFor();
    await page.getByTestId('goal-card').first().waitFor();
    return page;
  }

  const goalCard = (page: Page) => page.locator(`[data-testid="goal-card"][data-id="${ids.goal}"]`);
  const goalTools = (page: Page) =>
    goalCard(page).locator(`[data-testid="item-tools"][data-id-of="${ids.goal}"]`);

  it('comments on a goal and a reply are seen in a second context; resolving closes the thread', async () => {
    const a = await open('facilitator');
    const b = await open('steering', { width: 360, height: 780 });

    await goalTools(a).getByTestId('comments-open').click();
    const dialogA = a.getByTestId('comments-dialog');
    await dialogA.getByTestId('comments-empty').waitFor();
    await dialogA.getByTestId('comment-input').fill('Wer übernimmt die Kinderbetreuung?');
    await dialogA.getByTestId('comment-add').click();
    await dialogA.getByTestId('comment-thread').waitFor();

    // The second person sees the count on the goal and the comment with its author.
    const buttonB = goalTools(b).getByTestId('comments-open');
    await expect.poll(() => buttonB.getAttribute('data-count'), { timeout: 3_000 }).toBe('1');
    expect(await buttonB.getAttribute('data-open')).toBe('1');
    await buttonB.click();
    const dialogB = b.getByTestId('comments-dialog');
    const threadB = dialogB.getByTestId('comment-thread');
    await threadB.waitFor();
    expect(await threadB.getByTestId('comment-text').first().textContent()).toBe(
      'Wer übernimmt die Kinderbetreuung?',
    );
    expect(await threadB.locator('.meta strong').first().textContent()).toBeTruthy();
    expect(await threadB.locator('time').first().getAttribute('datetime')).toMatch(/^\d{4}-/);

    // A reply in the thread.
    await threadB.getByTestId('comment-reply').click();
    await threadB.getByTestId('comment-reply-input').fill('Der Familienstützpunkt, ab März.');
    await threadB.getByTestId('comment-reply-send').click();
    await threadB.getByTestId('comment-reply-item').waitFor();
    await dialogA.getByTestId('comment-reply-item').waitFor({ timeout: 3_000 });
    expect(
      await dialogA.getByTestId('comment-reply-item').getByTestId('comment-text').textContent(),
    ).toBe('Der Familienstützpunkt, ab März.');
    await b.screenshot({ path: artefactPath('tools-comments-phone-360.png'), fullPage: false });

    // Only the author edits a comment: b corrects the reply, a sees the new text (no edit button).
    expect(
      await dialogA.getByTestId('comment-reply-item').getByTestId('comment-edit').count(),
    ).toBe(0);
    const replyB = dialogB.getByTestId('comment-reply-item');
    await replyB.getByTestId('comment-edit').click();
    await replyB.getByTestId('comment-edit-input').fill('Der Familienstützpunkt, ab April.');
    await replyB.getByTestId('comment-edit-save').click();
    await expect
      .poll(() =>
        dialogA.getByTestId('comment-reply-item').getByTestId('comment-text').textContent(),
      )
      .toBe('Der Familienstützpunkt, ab April.');

    // Resolved: the thread folds away for both.
    await dialogA.getByTestId('comment-resolve').click();
    await dialogB.getByTestId('comments-show-resolved').waitFor({ timeout: 3_000 });
    expect(await dialogB.getByTestId('comment-thread').count()).toBe(0);
    await expect.poll(() => buttonB.getAttribute('data-open')).toBe('0');
    await dialogB.getByTestId('comments-show-resolved').click();
    expect(await dialogB.getByTestId('comment-thread').getAttribute('data-resolved')).toBe('true');
    await dialogB.getByTestId('comment-reopen').click();
    await dialogA.locator('[data-testid="comment-thread"][data-resolved="false"]').waitFor();

    // Escape closes the dialog; the focus is back on the button that opened it.
    await a.keyboard.press('Escape');
    await dialogA.waitFor({ state: 'hidden' });
    expect(
      await a.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid),
    ).toBe('comments-open');
    const plain = facilitator.model.toPlain();
    expect(plain.comments).toHaveLength(2);
    expect(plain.comments.every((c) => c.parentId === ids.goal)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('search by text, owner and overdue finds the measure and leads to it', async () => {
    const page = await open('steering');
    // „/“ jumps into the search field.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid),
    ).toBe('search-input');

    const hits = () =>
      page
        .getByTestId('search-hit')
        .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.idOf));
    await page.keyboard.type('kinderbetreuung');
    await expect.poll(hits).toContain(ids.measure);
    expect(await hits()).not.toContain(ids.other);
    // The count is announced politely (a status region), once typing stopped.
    await expect
      .poll(() => page.getByTestId('search-announce').textContent())
      .toMatch(/\d+ Treffer/);
    expect(await page.getByTestId('search-announce').getAttribute('role')).toBe('status');

    await page.getByTestId('search-input').fill('');
    await page.getByTestId('search-filters-toggle').click();
    await page.getByTestId('search-owner').fill('volkshochschule');
    await expect.poll(hits).toEqual([ids.measure]);
    await page.getByTestId('search-owner').fill('');
    await page.getByTestId('search-overdue').check();
    await expect.poll(hits).toEqual([ids.measure]);
    expect(await page.getByTestId('search-hit').first().locator('.badge.late').count()).toBe(1);

    // The result leads to the measure: scrolled to and focused.
    await page.getByTestId('search-hit').first().click();
    await expect
      .poll(() =>
        page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.id ?? null),
      )
      .toBe(ids.measure);
    expect(errors).toEqual([]);
  });

  it("the thread of a measure shows its goal and the goal's need, not the sibling measure", async () => {
    const page = await open('facilitator');
    const measure = goalCard(page).locator(
      `[data-testid="measure-item"][data-id="${ids.measure}"]`,
    );
    await measure.getByTestId('thread-open').click();
    const dialog = page.getByTestId('thread-dialog');
    await dialog.waitFor();
    const entries = (section: string) =>
      dialog
        .getByTestId(`thread-${section}`)
        .getByTestId('thread-entry')
        .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.idOf));
    expect(await entries('goals')).toEqual([ids.goal]);
    expect(await entries('needs')).toEqual([ids.need]);
    expect(await entries('measures')).toEqual([ids.measure]);
    expect(await entries('milestones')).toHaveLength(1);
    // The quarterly report lists how this measure stood, not the sibling measure.
    const reports = dialog.getByTestId('thread-status-reports');
    expect(await reports.locator('.report').innerText()).toContain('15.04.2027');
    const entry = reports.getByTestId('thread-entry');
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.getAttribute('data-kind')).toBe('statusEntry');
    expect(await entry.innerText()).toMatch(
      /Kurse mit Kinderbetreuung[\s\S]*gefährdet[\s\S]*Es fehlt eine Kursleitung\./,
    );
    expect(await dialog.getByTestId('thread-reviews').innerText()).toContain('Noch nichts');
    await page.screenshot({ path: artefactPath('tools-thread-measure.png') });

    // An entry leads to its item.
    await dialog.getByTestId('thread-needs').getByTestId('thread-entry').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() =>
        page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.id ?? null),
      )
      .toBe(ids.need);
    expect(errors).toEqual([]);
  });

  it('deleting a linked measure asks first and lists the goal it serves', async () => {
    const page = await open('facilitator');
    const other = goalCard(page).locator(`[data-testid="measure-item"][data-id="${ids.other}"]`);
    await other.getByTestId('measure-delete').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    const linked = dialog.getByTestId('confirm-linked');
    expect(await linked.textContent()).toContain('Sprachkurse für Eltern');
    expect(await linked.locator('li').getAttribute('data-kind')).toBe('goal');
    await dialog.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(facilitator.model.has(ids.other)).toBe(true);

    // The goal: its comments and linked items are listed before it goes.
    await goalCard(page).getByTestId('goal-delete').click();
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Kurse mit Kinderbetreuung');
    expect(text).toContain('Deutsch lernen');
    expect(text).toMatch(/Kommentar/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(facilitator.model.has(ids.goal)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('exports the measures as CSV (semicolon, BOM, umlauts) with a visible status', async () => {
    const page = await open('steering');
    await page.getByTestId('open-exports').click();
    const dialog = page.getByTestId('exports-dialog');
    await dialog.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const content = await readFile((await download.path())!, 'utf8');
    expect(content.charCodeAt(0)).toBe(0xfeff);
    const lines = content.slice(1).split(/\r\n/);
    expect(lines[0]).toContain('Handlungsfeld;Maßnahme;Verantwortlich');
    const row = lines.find((line) => line.includes('Kurse mit Kinderbetreuung'));
    expect(row).toContain('Volkshochschule Nord');
    expect(row).toContain('Sprache und Bildung');
    await expect
      .poll(() => dialog.getByTestId('export-status').textContent())
      .toContain(download.suggestedFilename());

    // Without a Zielerklärung the decision paper explains why it is not there.
    await dialog.getByTestId('export-docx').click();
    await expect
      .poll(() => dialog.getByTestId('export-problem').textContent())
      .toContain('Zielerklärung');
    expect(errors).toEqual([]);
  });

  it('versions: save the state, view it read-only, restore a deleted measure from it', async () => {
    const page = await open('facilitator');
    await page.getByTestId('open-history').click();
    const dialog = page.getByTestId('history-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('history-save-name').fill('Vor dem Aufräumen');
    await dialog.getByTestId('history-save').click();
    await dialog.locator('[data-testid="history-version"][data-kind="manual"]').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    facilitator.model.delete(ids.other);
    await page
      .locator(`[data-testid="measure-item"][data-id="${ids.other}"]`)
      .waitFor({ state: 'detached' });

    await page.getByTestId('open-history').click();
    await dialog
      .locator('[data-testid="history-version"][data-kind="manual"]')
      .first()
      .getByTestId('history-view')
      .click();
    await dialog.getByTestId('version-outline').waitFor();
    expect(await dialog.getByTestId('version-outline').textContent()).toContain(
      'Lernpatenschaften',
    );
    const change = dialog.locator(
      `[data-testid="history-change"][data-id-of="${ids.other}"][data-state="removed"]`,
    );
    await change.getByTestId('history-restore-item').click();
    await dialog.getByTestId('history-confirm').waitFor();
    await dialog.getByTestId('history-confirm-restore').click();
    await expect.poll(() => facilitator.model.has(ids.other), { timeout: 5_000 }).toBe(true);
    // The restored measure serves its goal again.
    expect(
      facilitator.model
        .list('link')
        .some((l) => l.type === 'serves' && l.from === ids.other && l.to === ids.goal),
    ).toBe(true);
    await change.waitFor({ state: 'detached' });
    expect(await dialog.getByTestId('history-status').textContent()).toMatch(/wiederhergestellt/);
    expect(errors).toEqual([]);
  });

  it('imports measures from CSV: preview, per-row errors with spreadsheet row numbers, good rows', async () => {
    const page = await open('steering');
    await page.getByTestId('open-csv-import').click();
    const dialog = page.getByTestId('csv-import-dialog');
    await dialog.waitFor();
    const csv = [
      'Handlungsfeld;Maßnahme;Verantwortlich;Fällig;Status;Ziel',
      'Sprache und Bildung;Sprachcafé im Rathaus;Integrationsbeauftragte;31.05.2027;in Arbeit;Sprachkurse für Eltern',
      'Wohnen;Wohnungsbörse;Wohnungsamt;2027-06-30;geplant;',
      'Sprache und Bildung;Elternabende übersetzen;Schulamt;32.13.2027;geplant;',
    ].join('\r\n');
    await dialog.getByTestId('csv-file').setInputFiles({
      name: 'massnahmen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csv}`, 'utf8'),
    });
    await dialog.getByTestId('csv-preview').waitFor();
    expect(await dialog.getByTestId('csv-row').count()).toBe(1);
    const rows = await dialog
      .getByTestId('csv-error')
      .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.row));
    expect(rows).toEqual(['3', '4']);
    expect(await dialog.getByTestId('csv-errors').textContent()).toContain('Zeile 3');
    await dialog.getByTestId('csv-import').click();
    await expect
      .poll(() => dialog.getByTestId('csv-status').textContent())
      .toContain('1 Maßnahme importiert');
    await expect
      .poll(() =>
        facilitator.model.list('measure').some((m) => m.title === 'Sprachcafé im Rathaus'),
      )
      .toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows the calendar address once, with copy and the Outlook hint', async () => {
    const page = await open('facilitator');
    await page.getByTestId('open-calendar').click();
    const dialog = page.getByTestId('calendar-dialog');
    const url = dialog.getByTestId('calendar-url');
    await url.waitFor();
    const address = await url.inputValue();
    expect(address).toMatch(new RegExp(`^${server.url}/api/calendar/${board.id}/.+\\.ics$`));
    const feed = await fetch(address);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    expect(await dialog.textContent()).toContain('Outlook');
    // The device that made it still knows it after a reload.
    await page.reload();
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    await page.getByTestId('open-calendar').click();
    await expect.poll(() => dialog.getByTestId('calendar-url').inputValue()).toBe(address);
    expect(errors).toEqual([]);
  });

  it('a participant comments while a step is open, and not when it is closed', async () => {
    const session = await connectSession(server.url, {
      boardId: board.id,
      token: tokens(board).facilitator,
    });
    try {
      const page = await open('participant', { width: 360, height: 780 });
      const join = page.getByTestId('join-anonymous');
      if (await join.isVisible().catch(() => false)) await join.click();
      expect(await request(session, 'session:openStep', { step: 5 })).toMatchObject({ ok: true });
      await goalTools(page).getByTestId('comments-open').click();
      const dialog = page.getByTestId('comments-dialog');
      await dialog.getByTestId('comment-input').fill('Gibt es auch Kurse am Abend?');
      await dialog.getByTestId('comment-add').click();
      await expect
        .poll(() =>
          facilitator.model.list('comment').some((c) => c.text === 'Gibt es auch Kurse am Abend?'),
        )
        .toBe(true);
      expect(await request(session, 'session:openStep', { step: null })).toMatchObject({
        ok: true,
      });
      await dialog.getByTestId('comments-closed').waitFor();
      expect(await dialog.getByTestId('comment-input').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      session.close();
    }
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laptopContext, launchBrowser, phoneContext } from '../support/browser.js';
import { connectClient } from '../support/clients.js';
import { connectSession, request } from '../support/session.js';
import { startServer, tokens, type CreatedBoard } from '../support/server.js';

const POLL = { timeout: 10_000, interval: 50 };

/**
 * Moderated collection in the analysis workshop: a participant's measure, typed under a goal,
 * waits for the facilitator, keeps its goal through the queue and appears under that goal once
 * shown; a discarded one tells its author „nicht übernommen“ instead of waiting forever.
 */
describe('moderated collection in the browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let board: CreatedBoard;
  let goalId = '';

  beforeAll(async () => {
    server = await startServer({ serveWeb: true });
    browser = await launchBrowser();
    board = await server.createBoard();
    const seeder = connectClient(server.wsUrl, board.id, { token: tokens(board).facilitator });
    await seeder.whenSynced();
    const field = seeder.model.create('field', { content: { title: 'Arbeit und Ausbildung' } });
    goalId = seeder.model.create('goal', {
      parentId: field,
      content: { title: 'Mehr Geflüchtete in Ausbildung' },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    seeder.destroy();
    const socket = await connectSession(server.url, {
      boardId: board.id,
      token: tokens(board).facilitator,
    });
    expect(await request(socket, 'session:openStep', { step: 5 })).toMatchObject({ ok: true });
    expect(await request(socket, 'session:collect', { enabled: true })).toMatchObject({
      ok: true,
    });
    socket.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a measure under a goal keeps its goal through moderation; a discarded one says so', async () => {
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
    await participant.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();

    const goalCard = participant.locator(`[data-testid="goal-card"][data-id="${goalId}"]`);
    const add = async (title: string) => {
      await goalCard.getByTestId('add-measure-input').fill(title);
      await goalCard.getByTestId('add-measure-input').press('Enter');
    };
    await add('Ausbildungsmesse mit Dolmetschung');
    const pending = participant.getByTestId('collect-pending');
    await expect.poll(() => pending.count(), POLL).toBe(1);
    expect(await pending.first().innerText()).toContain('wartet auf Freigabe');

    // The facilitator sees it in the queue, with the goal it is for.
    const queued = facilitator.getByTestId('collect-item');
    await expect.poll(() => queued.count(), POLL).toBe(1);
    expect(await queued.first().getByTestId('collect-serves').innerText()).toBe(
      'für das Ziel „Mehr Geflüchtete in Ausbildung“',
    );
    await queued.first().getByTestId('collect-reveal').click();

    // Shown under its goal on the participant's phone; no longer waiting.
    await expect.poll(() => goalCard.getByTestId('measure-item').count(), POLL).toBe(1);
    await expect.poll(() => pending.count(), POLL).toBe(0);

    // A discarded submission: its author learns it was not taken up, and can dismiss that.
    await add('Doppelt eingereicht');
    await expect.poll(() => queued.count(), POLL).toBe(1);
    await queued.first().getByTestId('collect-discard').click();
    await facilitator.getByTestId('collect-discard-confirm').click();
    await expect.poll(() => queued.count(), POLL).toBe(0);
    const declined = participant.getByTestId('collect-declined');
    await declined.waitFor({ timeout: POLL.timeout });
    expect(await declined.innerText()).toBe('nicht übernommen');
    await pending
      .first()
      .getByRole('button', { name: /Ausblenden/ })
      .click();
    await expect.poll(() => pending.count(), POLL).toBe(0);
    expect(await goalCard.getByTestId('measure-item').count()).toBe(1);

    expect(errors).toEqual([]);
    await laptop.close();
    await phone.close();
  });
});

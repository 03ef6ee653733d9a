import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, launchBrowser } from '../support/browser.js';
import { connectClient, type BoardClient } from '../support/clients.js';
import { fillWithMusterland } from '../support/musterland.js';
import { connectSession, request } from '../support/session.js';
import { startServer, tokens, type CreatedBoard, type Role } from '../support/server.js';
import { eventually } from '../support/wait.js';

/** The working views of steps 1–6 (`?step=N`) on a live board. */
describe('step working views', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let board: CreatedBoard;
  let facilitator: BoardClient;

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
  });

  afterAll(async () => {
    facilitator?.destroy();
    await browser?.close();
    await server?.close();
  });

  async function open(
    role: Role,
    path = '',
    { lang = 'de', viewport = { width: 1280, height: 900 } } = {},
  ): Promise<{ context: BrowserContext; page: Page; errors: string[]; sockets: string[] }> {
    const context = await browser.newContext({
      viewport,
      locale: lang === 'ar' ? 'ar' : 'de-DE',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    const sockets: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(`${server.url}/b/${board.id}${path}#${tokens(board)[role]}`);
    if (role === 'participant') {
      await page.getByTestId('join-anonymous').click();
      await page.getByTestId('join-dialog').waitFor({ state: 'hidden' });
    }
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    return { context, page, errors, sockets };
  }

  const focusedTestId = (page: Page) =>
    page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);

  it('opens from the timeline, switches steps and returns, without reconnecting', async () => {
    const { context, page, errors, sockets } = await open('facilitator');
    await page.getByTestId('timeline').waitFor();
    const connections = sockets.length;
    let checking = 0;
    await page.exposeFunction('__checking', () => (checking += 1));
    await page.evaluate(() => {
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="board-checking"]')) {
          (window as unknown as { __checking(): void }).__checking();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });

    await page.locator('[data-testid="step-open-view"][data-step="2"]').click();
    await page.locator('[data-testid="step-view"][data-step="2"]').waitFor();
    expect(new URL(page.url()).searchParams.get('step')).toBe('2');
    expect(new URL(page.url()).hash).toBe('');
    expect(await focusedTestId(page)).toBe('step-view-heading');
    expect(await page.getByTestId('timeline').count()).toBe(0);

    await page.getByTestId('step-next').click();
    await page.locator('[data-testid="step-view"][data-step="3"]').waitFor();
    expect(new URL(page.url()).searchParams.get('step')).toBe('3');
    await page.locator('[data-testid="step-switch"][data-step="6"]').click();
    await page.locator('[data-testid="step-view"][data-step="6"]').waitFor();
    expect(
      await page
        .locator('[data-testid="step-switch"][aria-current="step"]')
        .getAttribute('data-step'),
    ).toBe('6');

    // The browser's back button goes to the previous view.
    await page.goBack();
    await page.locator('[data-testid="step-view"][data-step="3"]').waitFor();

    await page.getByTestId('step-overview').click();
    await page.getByTestId('timeline').waitFor();
    expect(new URL(page.url()).searchParams.has('step')).toBe(false);
    expect(await focusedTestId(page)).toBe('step-open-view');

    // Still the same live connection: nothing reconnected, the board was never reopened.
    expect(sockets.length).toBe(connections);
    expect(checking).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a step view straight from its address, link token and all', async () => {
    const { context, page, errors } = await open('steering', '?step=6');
    await page.locator('[data-testid="step-view"][data-step="6"]').waitFor();
    await page.getByTestId('goal-checklist').first().waitFor();
    // The token leaves the address bar, the step stays.
    await eventually(() => expect(new URL(page.url()).hash).toBe(''));
    expect(new URL(page.url()).searchParams.get('step')).toBe('6');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('moves a stakeholder in the influence/interest grid with the arrow keys (also in RTL)', async () => {
    const stakeholder = facilitator.model.create('stakeholder', {
      content: { name: 'Tafel e. V.', influence: 2, interest: 2 },
    });
    const { context, page, errors } = await open('facilitator', '?step=2');
    const chip = () => page.locator(`[data-testid="grid-stakeholder"][data-id="${stakeholder}"]`);
    await chip().waitFor();
    await chip().focus();
    await page.keyboard.press('ArrowUp');
    await eventually(() =>
      expect(facilitator.model.get(stakeholder, 'stakeholder')).toMatchObject({
        influence: 3,
        interest: 2,
      }),
    );
    // The stakeholder moved to another cell and kept the focus, so the arrows go on.
    await page
      .locator(
        `[data-testid="grid-cell"][data-influence="3"][data-interest="2"] [data-id="${stakeholder}"]`,
      )
      .waitFor();
    await eventually(async () => expect(await focusedTestId(page)).toBe('grid-stakeholder'));
    await page.keyboard.press('ArrowRight');
    await eventually(() =>
      expect(facilitator.model.get(stakeholder, 'stakeholder')).toMatchObject({
        influence: 3,
        interest: 3,
      }),
    );
    await eventually(async () => expect(await focusedTestId(page)).toBe('grid-stakeholder'));
    await eventually(async () =>
      expect(await chip().getAttribute('aria-label')).toBe('Tafel e. V.: Einfluss 3, Interesse 3'),
    );
    await page.screenshot({ path: artefactPath('step-2-grid.png'), fullPage: true });

    // The list alternative shows the same ratings as form controls.
    await page.getByTestId('stakeholders-as-list').click();
    await page.getByTestId('stakeholders').waitFor();
    expect(await page.getByTestId('stakeholder-grid').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();

    // In Arabic the grid is mirrored: ArrowLeft raises the interest.
    const rtl = await open('facilitator', '?step=2', { lang: 'ar' });
    await rtl.page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await rtl.page.locator(`[data-testid="grid-stakeholder"][data-id="${stakeholder}"]`).focus();
    await rtl.page.keyboard.press('ArrowLeft');
    await eventually(() =>
      expect(facilitator.model.get(stakeholder, 'stakeholder')?.interest).toBe(4),
    );
    await rtl.page.screenshot({ path: artefactPath('step-2-grid-ar.png'), fullPage: true });
    expect(rtl.errors).toEqual([]);
    await rtl.context.close();
  });

  it('a participant adds a need in step 3 while it is open; the facilitator clusters it', async () => {
    const socket = await connectSession(server.url, {
      boardId: board.id,
      token: tokens(board).facilitator,
    });
    expect(await request(socket, 'session:openStep', { step: 3 })).toMatchObject({ ok: true });
    // The participant arrives at the overview; the banner leads to the open step's view.
    const phone = await open('participant', '', { viewport: { width: 360, height: 780 } });
    const { page } = phone;
    await page.locator('[data-testid="participation-open-view"][data-step="3"]').click();
    await page.locator('[data-testid="step-view"][data-step="3"]').waitFor();
    expect(await page.getByTestId('participation-open-view').count()).toBe(0);
    await page.getByTestId('step3-need-input').fill('Kinderbetreuung während der Kurse');
    await page.getByTestId('step3-need-lang').selectOption('uk');
    await page.getByTestId('step3-need-add').click();
    const need = await eventually(() => {
      const found = facilitator.model
        .list('need')
        .find((n) => n.text === 'Kinderbetreuung während der Kurse');
      expect(found?.lang).toBe('uk');
      return found!;
    });
    await page.screenshot({ path: artefactPath('step-3-participant.png'), fullPage: true });
    // Every control of the view is a touch target of at least 44 × 44 px.
    const small = await page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          '[data-testid="step-view"] :is(button, input, select, textarea, a)',
        ),
      ]
        .map((el) => {
          const target =
            el instanceof HTMLInputElement && el.type === 'checkbox' && el.closest('label')
              ? el.closest('label')!
              : el;
          const box = target.getBoundingClientRect();
          if (box.width <= 1 || box.height <= 1) return null;
          return box.width < 44 || box.height < 44
            ? `${el.tagName}[${el.dataset.testid ?? ''}] ${Math.round(box.width)}×${Math.round(box.height)}`
            : null;
        })
        .filter((x) => x !== null),
    );
    expect(small).toEqual([]);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
    expect(await request(socket, 'session:openStep', { step: null })).toMatchObject({ ok: true });
    socket.close();

    const desk = await open('facilitator', '?step=3');
    const field = facilitator.model.list('field')[0]!;
    await desk.page
      .locator(`[data-testid="step3-need"][data-id="${need.id}"] [data-testid="step3-need-field"]`)
      .selectOption(field.id);
    await eventually(() => expect(facilitator.model.get(need.id, 'need')?.parentId).toBe(field.id));
    await desk.page
      .locator(
        `[data-testid="need-cluster"][data-field-id="${field.id}"] [data-testid="step3-need"][data-id="${need.id}"]`,
      )
      .waitFor();
    expect(desk.errors).toEqual([]);
    await desk.context.close();
  });

  it('steps 1, 4 and 6: steering group, decided fields, the goal checklist', async () => {
    const { context, page, errors } = await open('facilitator', '?step=1');
    const candidate = facilitator.model.list('stakeholder').find((s) => !s.steering)!;
    // Checked, the stakeholder moves from the candidates to the members (click, not check()).
    await page
      .locator(`[data-testid="steering-candidate"][data-id="${candidate.id}"] input`)
      .click();
    await eventually(() =>
      expect(facilitator.model.get(candidate.id, 'stakeholder')?.steering).toBe(true),
    );
    await page
      .locator(`[data-testid="steering-member"][data-id="${candidate.id}"]`)
      .getByTestId('steering-member-office')
      .fill('Leitung Sozialamt');
    await eventually(() =>
      expect(facilitator.model.get(candidate.id, 'stakeholder')?.notes).toBe('Leitung Sozialamt'),
    );

    await page.getByTestId('step-next').click();
    await page.getByTestId('step-next').click();
    await page.getByTestId('step-next').click();
    await page.locator('[data-testid="step-view"][data-step="4"]').waitFor();
    const field = facilitator.model.list('field')[0]!;
    await page
      .locator(`[data-testid="step4-field"][data-id="${field.id}"] [data-testid="field-decided"]`)
      .check();
    await eventually(() => expect(facilitator.model.get(field.id, 'field')?.decided).toBe(true));
    await page.locator('[data-testid="step4-summary"][data-decided="1"]').waitFor();

    await page.locator('[data-testid="step-switch"][data-step="6"]').click();
    const goal = facilitator.model.list('goal')[0]!;
    const checklist = page.locator(`[data-testid="goal-checklist"][data-id="${goal.id}"]`);
    await checklist.getByTestId('goal-specific').check();
    await checklist.getByTestId('goal-owner').fill('Integrationsbüro');
    await checklist.getByTestId('goal-owner').press('Tab');
    await checklist.getByTestId('goal-due').fill('2027-09-30');
    await eventually(() =>
      expect(facilitator.model.get(goal.id, 'goal')).toMatchObject({
        specific: true,
        owner: 'Integrationsbüro',
        due: '2027-09-30',
      }),
    );
    await page
      .locator(`[data-testid="goal-checklist"][data-id="${goal.id}"][data-met="3"]`)
      .waitFor();
    await page.screenshot({ path: artefactPath('step-6-checklist.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});

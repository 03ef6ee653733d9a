import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, launchBrowser } from '../support/browser.js';
import { connectClient, type BoardClient } from '../support/clients.js';
import { startServer, tokens, type CreatedBoard } from '../support/server.js';

/**
 * Issue #5, test 5: the facilitator walks steps 5 → 7 → 9 in the UI on one board — a field, a
 * goal and a measure with owner and due date in the analysis workshop; the decision and the
 * recorded Zielerklärung with the leadership; a quarterly report with a status that is recorded
 * too. Screenshots of each step's view are kept as test artefacts.
 */
describe('the process in the browser: steps 5 → 7 → 9', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let board: CreatedBoard;
  let observer: BoardClient;

  beforeAll(async () => {
    server = await startServer({ serveWeb: true });
    browser = await launchBrowser();
    board = await server.createBoard({
      municipality: 'Landkreis Musterland',
      title: 'Integrationsstrategie 2027',
    });
    observer = connectClient(server.wsUrl, board.id, {
      token: tokens(board).steering,
      author: 'Steuergruppe',
    });
    await observer.whenSynced();
  });

  afterAll(async () => {
    observer?.destroy();
    await browser?.close();
    await server?.close();
  });

  async function api(path: string) {
    const response = await fetch(`${server.url}${path}`, {
      headers: { authorization: `Bearer ${tokens(board).facilitator}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  async function openStep(page: Page, step: number) {
    await page.locator(`[data-testid="step-switch"][data-step="${step}"]`).click();
    await page.locator(`[data-testid="step-view"][data-step="${step}"]`).waitFor();
    await page.getByTestId(`step-${step}`).waitFor();
  }

  it('records a Zielerklärung in step 7 and a quarterly report in step 9', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'de-DE',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/b/${board.id}#${tokens(board).facilitator}`);
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();

    // Step 5, the analysis workshop: a field, a goal and a measure with owner and due date.
    await page.locator('[data-testid="step-open-view"][data-step="5"]').click();
    await page.locator('[data-testid="step-view"][data-step="5"]').waitFor();
    await page.getByTestId('add-field-input').fill('Arbeit und Ausbildung');
    await page.getByTestId('add-field-input').press('Enter');
    const field = page.getByTestId('field-card').first();
    await field.getByTestId('add-goal-input').fill('Mehr Geflüchtete in Ausbildung');
    await field.getByTestId('add-goal-input').press('Enter');
    const goal = field.getByTestId('goal-card').first();
    await goal.getByTestId('add-measure-input').fill('Ausbildungsmesse');
    await goal.getByTestId('add-measure-input').press('Enter');
    const measure = goal.getByTestId('measure-item').first();
    await measure.getByTestId('measure-owner').fill('Wirtschaftsförderung');
    await measure.getByTestId('measure-owner').press('Tab');
    await measure.getByTestId('measure-due').fill('2027-05-31');
    await expect
      .poll(() => observer.model.list('measure')[0])
      .toMatchObject({
        title: 'Ausbildungsmesse',
        owner: 'Wirtschaftsförderung',
        due: '2027-05-31',
      });
    await page.screenshot({ path: artefactPath('process-step-5.png'), fullPage: true });

    // Step 7, the talk with the leadership: decide, then record the Zielerklärung.
    await openStep(page, 7);
    const measureId = observer.model.list('measure')[0]!.id;
    const goalId = observer.model.list('goal')[0]!.id;
    const decisionMeasure = page.locator(
      `[data-testid="decision-measure"][data-id="${measureId}"]`,
    );
    await expect
      .poll(() => decisionMeasure.getByTestId('decision-measure-owner').inputValue())
      .toBe('Wirtschaftsförderung');
    await page
      .locator(`[data-testid="decision-goal"][data-id="${goalId}"]`)
      .getByTestId('decision-goal-decided')
      .check();
    await decisionMeasure.getByTestId('decision-measure-decided').check();
    await expect
      .poll(() => page.getByTestId('decision-counts').textContent())
      .toContain('1 von 1 Zielen, 1 von 1 Maßnahmen');
    await page.getByTestId('record-zielerklaerung').click();
    const dialog = page.getByTestId('zielerklaerung-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('declaration-measure').textContent()).toContain(
      'Wirtschaftsförderung',
    );
    await page.screenshot({ path: artefactPath('process-step-7-confirm.png') });
    await dialog.getByTestId('zielerklaerung-dialog-confirm').click();
    await page.getByTestId('zielerklaerung').first().waitFor();
    expect(await page.getByTestId('decision-message').textContent()).toContain('festgehalten');
    const versions = (await api(`/api/boards/${board.id}/versions`)).versions as {
      id: string;
      kind: string;
    }[];
    expect(versions.map((v) => v.kind)).toEqual(['zielerklaerung']);
    await page.screenshot({ path: artefactPath('process-step-7.png'), fullPage: true });

    // Editing the live board afterwards does not change the frozen Zielerklärung.
    observer.model.setText(measureId, 'title', 'Ausbildungsmesse 2027');
    const frozen = (await api(`/api/boards/${board.id}/versions/${versions[0]!.id}`)).board as {
      measures: { title: string; decided: boolean }[];
    };
    expect(frozen.measures).toMatchObject([{ title: 'Ausbildungsmesse', decided: true }]);

    // Step 9, the quarterly meeting: a report with a status, compared with the Zielerklärung.
    await openStep(page, 9);
    await page.getByTestId('start-quarterly-report').click();
    const report = page.getByTestId('quarterly-report');
    await report.waitFor();
    const row = report.locator(`[data-testid="status-row"][data-id="${measureId}"]`);
    await row.getByTestId('status-select').selectOption('atRisk');
    await page.locator(`[data-testid="status-row"][data-status="atRisk"]`).waitFor();
    await row.getByTestId('status-comment').fill('Die Messehalle ist noch nicht gebucht.');
    // What changed since the Zielerklärung: the renamed measure.
    const change = page.locator(`[data-testid="diff-line"][data-id="${measureId}"]`);
    await change.waitFor();
    expect(await change.getAttribute('data-change')).toBe('changed');
    expect(await change.textContent()).toContain('Ausbildungsmesse 2027');
    await page
      .getByTestId('quarterly-notes')
      .fill('Neues Thema: Kinderbetreuung während der Kurse');
    await page.getByTestId('record-report').click();
    await page.getByTestId('record-report-dialog').waitFor();
    await page.getByTestId('record-report-dialog-confirm').click();
    await page.getByTestId('report-recorded').waitFor();
    await expect.poll(() => observer.model.list('report')[0]?.versionId ?? null).not.toBeNull();
    const entry = observer.model.list('statusEntry')[0];
    expect(entry).toMatchObject({
      measureId,
      status: 'atRisk',
      comment: 'Die Messehalle ist noch nicht gebucht.',
    });
    const all = (await api(`/api/boards/${board.id}/versions`)).versions as {
      kind: string;
      reportId: string | null;
    }[];
    expect(all.map((v) => v.kind)).toEqual(['quarterly', 'zielerklaerung']);
    expect(all[0]!.reportId).toBe(observer.model.list('report')[0]!.id);
    await page.screenshot({ path: artefactPath('process-step-9.png'), fullPage: true });

    expect(errors).toEqual([]);
    await context.close();
  });
});

import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, type BoardClient } from '../support/clients.js';
import { artefactPath, launchBrowser } from '../support/browser.js';
import { fillWithMusterland } from '../support/musterland.js';
import { connectSession, request } from '../support/session.js';
import { startServer, tokens, type CreatedBoard, type Role } from '../support/server.js';

/** WCAG 2.1 A and AA: what BITV 2.0 (via EN 301 549) requires of the web app. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Finding {
  page: string;
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
  summary: string;
}

/** Runs axe on the page as it is now; returns its violations in a form that says what to fix. */
async function audit(page: Page, name: string, { beamer = false } = {}): Promise<Finding[]> {
  // Wait for Svelte to settle (transitions are off: the contexts prefer reduced motion).
  await page.waitForTimeout(150);
  const builder = new AxeBuilder({ page }).withTags(WCAG_AA);
  const results = await builder.analyze();
  const violations = [...results.violations];
  if (beamer) {
    // The projector: text contrast of at least 7:1 (WCAG AAA 1.4.6), rooms are bright.
    const enhanced = await new AxeBuilder({ page })
      .withRules(['color-contrast-enhanced'])
      .analyze();
    violations.push(...enhanced.violations);
  }
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => ({
      page: name,
      id: violation.id,
      impact: node.impact ?? violation.impact,
      help: violation.help,
      targets: node.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))),
      summary: node.failureSummary ?? '',
    })),
  );
}

function report(findings: Finding[]): string {
  return findings
    .map(
      (f) =>
        `[${f.page}] ${f.id} (${f.impact ?? 'n/a'}): ${f.help}\n  target: ${f.targets.join(', ')}\n  ${f.summary.replace(/\n/g, '\n  ')}`,
    )
    .join('\n\n');
}

/**
 * Makes sure the page shows `lang`: the browser's preferred language usually picks it; otherwise
 * the page's language switcher (`language-select`) does. Fails if neither gets there.
 */
async function ensureLanguage(page: Page, lang: string) {
  const shows = () => page.evaluate((l) => document.documentElement.lang === l, lang);
  await page
    .waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 2_000 })
    .catch(() => undefined);
  if (!(await shows())) {
    const select = page.getByTestId('language-select').first();
    if ((await select.count()) > 0) await select.selectOption(lang);
  }
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  if (lang === 'ar') {
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  }
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
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
    const socket = await connectSession(server.url, {
      boardId: board.id,
      token: tokens(board).facilitator,
    });
    expect(await request(socket, 'session:openStep', { step: 5 })).toMatchObject({ ok: true });
    expect(await request(socket, 'session:agenda', { text: 'Ist-Stand sammeln' })).toMatchObject({
      ok: true,
    });
    socket.close();
  });

  afterAll(async () => {
    facilitator?.destroy();
    await browser?.close();
    await server?.close();
  });

  async function newPage(
    lang: string,
    viewport = { width: 1280, height: 900 },
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({
      viewport,
      locale: lang === 'ar' ? 'ar' : 'de-DE',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { context, page, errors };
  }

  async function openBoard(page: Page, role: Role, path = '') {
    await page.goto(`${server.url}/b/${board.id}${path}#${tokens(board)[role]}`);
  }

  async function boardReady(page: Page, role: Role) {
    await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
    await page.locator(`[data-testid="role-badge"][data-role="${role}"]`).waitFor();
    await page.getByTestId('field-card').first().waitFor();
  }

  it("announces other people's changes politely, summarised and rate-limited, never one's own", async () => {
    const { context, page, errors } = await newPage('de');
    await openBoard(page, 'steering');
    await boardReady(page, 'steering');
    const region = page.getByTestId('remote-changes');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('[aria-live="polite"]').count()).toBe(1);
    const said: { at: number; text: string }[] = [];
    await page.exposeFunction('__announced', (text: string) => said.push({ at: Date.now(), text }));
    await page.evaluate(() => {
      const node = document.querySelector('[data-testid="remote-changes"]')!;
      new MutationObserver(() => {
        const text = node.textContent?.trim() ?? '';
        if (text) (window as unknown as { __announced(t: string): void }).__announced(text);
      }).observe(node, { childList: true, subtree: true, characterData: true });
    });

    // Own edits: nothing is announced.
    await page.getByTestId('add-field-input').fill('Eigenes Handlungsfeld');
    await page.getByTestId('add-field-input').press('Enter');
    await page.waitForTimeout(1_500);
    expect(said).toEqual([]);

    // Three changes by someone else in a burst: one announcement that counts them.
    const field = facilitator.model.list('field')[0]!;
    facilitator.model.setText(field.id, 'title', `${field.title} (neu)`);
    facilitator.model.create('goal', { parentId: field.id, content: { title: 'Neues Ziel A' } });
    facilitator.model.create('goal', { parentId: field.id, content: { title: 'Neues Ziel B' } });
    await expect.poll(() => said.length, { timeout: 5_000 }).toBe(1);
    expect(said[0]!.text).toBe('3 Änderungen von anderen');

    // More changes right after: the next announcement waits for the interval (5 s).
    facilitator.model.create('goal', { parentId: field.id, content: { title: 'Neues Ziel C' } });
    await expect.poll(() => said.length, { timeout: 8_000 }).toBe(2);
    expect(said[1]!.text).toBe('1 Änderung von anderen');
    expect(said[1]!.at - said[0]!.at).toBeGreaterThanOrEqual(4_900);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('respects prefers-reduced-motion: no transitions, animations or smooth scrolling', async () => {
    const { context, page } = await newPage('de');
    await openBoard(page, 'facilitator');
    await boardReady(page, 'facilitator');
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll('*')]
        .map((el) => {
          const s = getComputedStyle(el);
          const seconds = (v: string) => Math.max(...v.split(',').map((x) => parseFloat(x) || 0));
          const animated = s.animationName !== 'none' && seconds(s.animationDuration) > 0;
          const transition = seconds(s.transitionDuration) > 0;
          return animated || transition || s.scrollBehavior === 'smooth'
            ? `${el.tagName.toLowerCase()}.${el.className}`
            : null;
        })
        .filter((x) => x !== null),
    );
    expect(moving).toEqual([]);
    await context.close();
  });

  for (const role of ['facilitator', 'participant'] as const) {
    it(`the ${role}'s board at 200 % zoom (640 CSS px): nothing cut off or overlapping`, async () => {
      const context = await browser.newContext({
        viewport: { width: 640, height: 450 },
        deviceScaleFactor: 2,
        locale: 'de-DE',
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      await openBoard(page, role);
      if (role === 'participant') {
        await page.getByTestId('join-anonymous').click();
        await page.getByTestId('join-dialog').waitFor({ state: 'hidden' });
      }
      await boardReady(page, role);
      const layout = await page.evaluate(() => {
        const controls = [
          ...document.querySelectorAll<HTMLElement>(
            'header button, header input, header select, header a, main button, main input, main select, main textarea, main a, main h2, main h3, main h4',
          ),
        ].filter((el) => {
          const box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return box.width > 1 && box.height > 1 && style.visibility !== 'hidden';
        });
        const outside = controls
          .filter((el) => {
            const box = el.getBoundingClientRect();
            // Inside a sideways scroller (the timeline) is fine: it can be scrolled to.
            if (el.closest('.scroller')) return false;
            return box.left < -1 || box.right > window.innerWidth + 1;
          })
          .map((el) => el.dataset.testid ?? el.tagName);
        const overlaps: string[] = [];
        const boxes = controls
          .filter((el) => !el.closest('.scroller') && !el.closest('.live-bar'))
          .map((el) => ({ el, box: el.getBoundingClientRect() }));
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!;
            const b = boxes[j]!;
            if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
            const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
            const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
            if (x > 2 && y > 2) {
              overlaps.push(
                `${a.el.dataset.testid ?? a.el.tagName} × ${b.el.dataset.testid ?? b.el.tagName}`,
              );
            }
          }
        }
        return {
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          outside,
          overlaps,
        };
      });
      expect(layout).toEqual({ overflow: 0, outside: [], overlaps: [] });
      await page.screenshot({ path: artefactPath(`zoom-200-${role}.png`), fullPage: true });
      await context.close();
    });
  }

  it("touch targets on the participant's phone (360 px) are at least 44 × 44 px high", async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 780 },
      locale: 'de-DE',
      isMobile: true,
      hasTouch: true,
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await openBoard(page, 'participant');
    await page.getByTestId('join-anonymous').click();
    await page.getByTestId('join-dialog').waitFor({ state: 'hidden' });
    await boardReady(page, 'participant');
    const small = await page.evaluate(() => {
      const root = document.querySelector('[data-testid="board"]')!;
      const header = document.querySelector('.board-header');
      const targets = [root, header]
        .filter((el): el is Element => el !== null)
        .flatMap((el) => [
          ...el.querySelectorAll<HTMLElement>('button, input, select, textarea, a'),
        ]);
      return targets
        .map((el) => {
          // A checkbox is tapped together with its label.
          const target =
            el instanceof HTMLInputElement && el.type === 'checkbox' && el.closest('label')
              ? el.closest('label')!
              : el;
          const box = target.getBoundingClientRect();
          const style = getComputedStyle(el);
          if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') return null;
          // Inline text links in running text are exempt (WCAG 2.5.5 exception).
          if (el instanceof HTMLAnchorElement && style.display === 'inline') return null;
          return box.height < 44 || box.width < 44
            ? `${el.tagName.toLowerCase()}[${el.dataset.testid ?? ''}] ${Math.round(box.width)}×${Math.round(box.height)}`
            : null;
        })
        .filter((x) => x !== null);
    });
    expect(small).toEqual([]);
    await context.close();
  });

  for (const lang of ['de', 'ar'] as const) {
    it(`every page and dialog has no WCAG 2.1 AA violations (${lang})`, async () => {
      const findings: Finding[] = [];
      const checked: string[] = [];
      const check = async (page: Page, name: string, options?: { beamer?: boolean }) => {
        checked.push(name);
        await ensureLanguage(page, lang);
        findings.push(...(await audit(page, `${lang}: ${name}`, options)));
      };
      const { context, page, errors } = await newPage(lang);

      // Static pages.
      await page.goto(server.url);
      await page.getByTestId('create-board-submit').waitFor();
      await check(page, 'start page');
      await page.goto(`${server.url}/datenschutz`);
      await page.getByTestId('privacy-page').waitFor();
      await check(page, 'privacy page');
      await page.goto(`${server.url}/barrierefreiheit`);
      await page.getByTestId('accessibility-statement').waitFor();
      await check(page, 'accessibility statement');
      await page.goto(`${server.url}/leichte-sprache`);
      await page.getByTestId('easy-language-page').waitFor();
      await check(page, 'Leichte Sprache');

      // Links that do not work.
      await page.goto(`${server.url}/b/not-a-board`);
      await page.getByTestId('error-page').waitFor();
      await check(page, 'error page (404)');
      await page.goto(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA`);
      await page.getByTestId('missing-token').waitFor();
      await check(page, 'missing token');
      await page.goto(`${server.url}/b/AAAAAAAAAAAAAAAAAAAAAA#BBBBBBBBBBBBBBBBBBBBBB`);
      await page.getByTestId('link-revoked').waitFor();
      await check(page, 'revoked link');

      // The facilitator's board, its panels and dialogs.
      await openBoard(page, 'facilitator');
      await boardReady(page, 'facilitator');
      await check(page, 'board (facilitator)');
      await page.getByTestId('show-links').click();
      await page.getByTestId('links-panel').waitFor();
      await check(page, 'board (facilitator), links panel open');
      await page.getByTestId('delete-board').click();
      await page.getByTestId('delete-board-dialog').waitFor();
      await check(page, 'board (facilitator), delete-board dialog');
      await page.keyboard.press('Escape');
      await page.getByTestId('delete-board-dialog').waitFor({ state: 'hidden' });
      await page.getByTestId('field-delete').first().click();
      await page.getByTestId('confirm-dialog').waitFor();
      await check(page, 'board (facilitator), confirm dialog (delete field)');
      await page.keyboard.press('Escape');
      await page.getByTestId('confirm-dialog').waitFor({ state: 'hidden' });

      // The tools between meetings: search results, thread, comments, versions, exports, CSV
      // import, calendar (each dialog closed with Escape).
      await page.getByTestId('search-input').fill('a');
      await page.getByTestId('search-filters-toggle').click();
      await page.getByTestId('search-results').waitFor();
      await check(page, 'board (facilitator), search with filters and results');
      await page.getByTestId('search-filters-toggle').click();
      await page.getByTestId('search-input').fill('');
      const toolDialogs: [string, () => Promise<void>][] = [
        [
          'thread-dialog',
          () => page.getByTestId('measure-item').first().getByTestId('thread-open').first().click(),
        ],
        [
          'comments-dialog',
          () => page.getByTestId('goal-card').first().getByTestId('comments-open').first().click(),
        ],
        ['history-dialog', () => page.getByTestId('open-history').click()],
        ['exports-dialog', () => page.getByTestId('open-exports').click()],
        ['csv-import-dialog', () => page.getByTestId('open-csv-import').click()],
        ['calendar-dialog', () => page.getByTestId('open-calendar').click()],
      ];
      for (const [testId, openIt] of toolDialogs) {
        await openIt();
        await page.getByTestId(testId).waitFor();
        // Wait for what the dialog loads (versions, the calendar address) to settle.
        await page.waitForTimeout(400);
        await check(page, `board (facilitator), ${testId}`);
        await page.keyboard.press('Escape');
        await page.getByTestId(testId).waitFor({ state: 'hidden' });
      }

      await page.getByTestId('outline-toggle').click();
      await page.getByTestId('outline').waitFor();
      await check(page, 'board outline');

      // Working views of process steps (`?step=N`).
      for (const step of [2, 3, 6]) {
        await openBoard(page, 'facilitator', `?step=${step}`);
        await page.locator(`[data-testid="step-view"][data-step="${step}"]`).waitFor();
        await page.locator('[data-testid="connection-status"][data-sync="synced"]').waitFor();
        await check(page, `step ${step} view (facilitator)`);
      }

      // Steps 7–10 and the public results page: something decided, a recorded Zielerklärung,
      // a publication, a quarterly report with a status and a review with a result.
      const [goal] = facilitator.model.list('goal');
      const served = facilitator.model
        .list('link')
        .find((l) => l.type === 'serves' && l.to === goal!.id);
      facilitator.model.update<'goal'>(goal!.id, { decided: true, owner: 'Jobcenter' });
      if (served) facilitator.model.update<'measure'>(served.from, { decided: true });
      const asFacilitator = {
        authorization: `Bearer ${tokens(board).facilitator}`,
        'content-type': 'application/json',
      };
      await openBoard(page, 'facilitator', '?step=7');
      await page.getByTestId('step-7').waitFor();
      await check(page, 'step 7 view (facilitator)');
      await page.getByTestId('record-zielerklaerung').click();
      await page.getByTestId('zielerklaerung-dialog').waitFor();
      await check(page, 'step 7, record Zielerklärung dialog');
      await page.getByTestId('zielerklaerung-dialog-confirm').click();
      await page.getByTestId('zielerklaerung').first().waitFor();
      const recorded = (await (
        await fetch(`${server.url}/api/boards/${board.id}/versions`, { headers: asFacilitator })
      ).json()) as { versions: { id: string; kind: string }[] };
      const declaration = recorded.versions.find((v) => v.kind === 'zielerklaerung')!;
      const published = (await (
        await fetch(`${server.url}/api/boards/${board.id}/publication`, {
          method: 'PUT',
          headers: asFacilitator,
          body: JSON.stringify({
            versionId: declaration.id,
            title: 'Integrationsstrategie Musterland',
            text: 'Der Kreistag hat beschlossen …',
          }),
        })
      ).json()) as { url: string };
      await openBoard(page, 'facilitator', '?step=8');
      await page.locator('[data-testid="publication-state"][data-published="true"]').waitFor();
      await page.getByTestId('declaration-field').first().waitFor();
      await check(page, 'step 8 view (facilitator), published');
      await page.getByTestId('publish').click();
      await page.getByTestId('publish-dialog').waitFor();
      await check(page, 'step 8, publish dialog');
      await page.keyboard.press('Escape');
      await page.getByTestId('publish-dialog').waitFor({ state: 'hidden' });
      const quarterly = facilitator.model.create('report', {
        content: { type: 'quarterly', date: '2027-04-01', notes: 'Neue Themen', versionId: null },
      });
      if (served) {
        facilitator.model.create('statusEntry', {
          parentId: quarterly,
          content: { measureId: served.from, status: 'atRisk', comment: 'Verzögert' },
        });
      }
      await openBoard(page, 'facilitator', '?step=9');
      await page.getByTestId('quarterly-report').waitFor();
      await page.locator('[data-testid="changes"] select').waitFor();
      await check(page, 'step 9 view (facilitator)');
      const review = facilitator.model.create('report', {
        content: { type: 'review', date: '2028-01-15', notes: '', versionId: null },
      });
      facilitator.model.create('goalReview', {
        parentId: review,
        content: { goalId: goal!.id, result: 'partly', evidence: 'Zahlen des Jobcenters' },
      });
      await openBoard(page, 'facilitator', '?step=10');
      await page.getByTestId('review-report').waitFor();
      await page.getByTestId('attendance-step').first().waitFor();
      await check(page, 'step 10 view (facilitator)');
      await page.goto(`${server.url}${published.url}`);
      await page.locator('[data-testid="public-page"][data-state="ok"]').waitFor();
      await check(page, 'public results page');

      // The beamer.
      await openBoard(page, 'viewer', '/beamer');
      await page.getByTestId('beamer').waitFor();
      await page.locator('[data-testid="beamer"][data-ready="true"]').waitFor();
      await check(page, 'beamer', { beamer: true });

      // The read-only viewer link.
      await openBoard(page, 'viewer');
      await boardReady(page, 'viewer');
      await check(page, 'board (viewer)');
      expect(errors).toEqual([]);
      await context.close();

      // A participant on a phone: first the join dialog, then the board.
      const phone = await newPage(lang, { width: 360, height: 780 });
      await openBoard(phone.page, 'participant');
      await phone.page.getByTestId('join-dialog').waitFor();
      await phone.page.getByTestId('field-card').first().waitFor();
      await check(phone.page, 'board (participant), join dialog');
      await phone.page.getByTestId('join-anonymous').click();
      await phone.page.getByTestId('join-dialog').waitFor({ state: 'hidden' });
      await boardReady(phone.page, 'participant');
      await check(phone.page, 'board (participant)');
      // The consultation's view on the phone while step 3 is open for contributions.
      const session = await connectSession(server.url, {
        boardId: board.id,
        token: tokens(board).facilitator,
      });
      expect(await request(session, 'session:openStep', { step: 3 })).toMatchObject({ ok: true });
      await openBoard(phone.page, 'participant', '?step=3');
      await phone.page.getByTestId('step3-need-input').waitFor();
      await check(phone.page, 'step 3 view (participant)');
      expect(await request(session, 'session:openStep', { step: 5 })).toMatchObject({ ok: true });
      session.close();
      expect(phone.errors).toEqual([]);
      await phone.context.close();

      if (findings.length > 0) console.error(report(findings));
      expect(
        findings.map((f) => `${f.page}: ${f.id} ${f.targets.join(', ')}`),
        report(findings),
      ).toEqual([]);
      expect(checked.length).toBe(34);
      // Over thirty pages and dialogs, each loaded and audited (5–10 s each on a slow runner).
    }, 600_000);
  }
});

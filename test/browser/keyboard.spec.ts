import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, launchBrowser } from '../support/browser.js';
import { connectClient, type BoardClient } from '../support/clients.js';
import { startServer, tokens, type CreatedBoard } from '../support/server.js';
import { eventually } from '../support/wait.js';

interface FocusInfo {
  testId: string | null;
  tag: string;
  /** Outline (or box-shadow ring) of at least 2 px… */
  indicator: boolean;
  /** …whose colour contrasts with what is around it by at least 3:1 (WCAG 1.4.11). */
  contrast: number;
}

/** What has the keyboard focus now, and whether it shows a visible focus indicator. */
function focused(page: Page): Promise<FocusInfo | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return null;
    const parse = (value: string): [number, number, number, number] | null => {
      const match = /rgba?\(([^)]+)\)/.exec(value);
      if (!match) return null;
      const parts = match[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: [number, number, number, number]) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (start: Element | null) => {
      for (let node = start; node; node = node.parentElement) {
        const color = parse(getComputedStyle(node).backgroundColor);
        if (color && color[3] > 0.5) return color;
      }
      return [255, 255, 255, 1] as [number, number, number, number];
    };
    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth);
    const outline = style.outlineStyle !== 'none' && width >= 2 ? parse(style.outlineColor) : null;
    let contrast = 0;
    if (outline) {
      const a = luminance(outline);
      // The ring is drawn around the element (offset ≥ 0): compare with the parent's background.
      const b = luminance(background(el.parentElement));
      contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }
    return {
      testId: el.dataset.testid ?? null,
      tag: el.tagName.toLowerCase(),
      indicator: outline !== null,
      contrast: Math.round(contrast * 100) / 100,
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`; every element passed
 * on the way must show a focus indicator with ≥ 3:1 contrast. Fails when the focus gets stuck
 * (a keyboard trap) or the target is not reached within `max` presses.
 */
async function tabTo(page: Page, selector: string, { shift = false, max = 400 } = {}) {
  const key = shift ? 'Shift+Tab' : 'Tab';
  const missing: string[] = [];
  let previous = '';
  let stuck = 0;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const info = await focused(page);
    if (info && (!info.indicator || info.contrast < 3)) {
      missing.push(`${info.tag}[${info.testId ?? ''}] contrast ${info.contrast}`);
    }
    const here = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName}#${el.id}:${(el as HTMLElement).dataset.testid ?? ''}` : '';
    });
    stuck = here === previous ? stuck + 1 : 0;
    previous = here;
    // A date input takes a few presses (day, month, year); more on one element is a trap.
    if (stuck >= 4) throw new Error(`Focus stuck on ${here} (keyboard trap?)`);
    const matches = await page.evaluate(
      (s) => document.activeElement?.matches(s) ?? false,
      selector,
    );
    if (matches) {
      expect(missing, 'elements without a visible focus indicator').toEqual([]);
      return i + 1;
    }
  }
  throw new Error(`${selector} not reached with ${max} × ${key}`);
}

async function type(page: Page, text: string) {
  await page.keyboard.type(text, { delay: 5 });
}

describe('the board with the keyboard only', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let board: CreatedBoard;
  let observer: BoardClient;

  beforeAll(async () => {
    server = await startServer({ serveWeb: true });
    browser = await launchBrowser();
    board = await server.createBoard();
    observer = connectClient(server.wsUrl, board.id, { token: tokens(board).viewer });
    await observer.whenSynced();
  });

  afterAll(async () => {
    observer?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('creates a field, a goal and a measure and sets its status with Tab, typing, Enter and arrows', async () => {
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
    await page.getByTestId('add-field-input').waitFor();

    // The skip link comes first and leads to the board.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');

    // A field.
    await tabTo(page, '[data-testid="add-field-input"]');
    await type(page, 'Sprache und Bildung');
    await page.keyboard.press('Enter');
    await eventually(() =>
      expect(observer.model.list('field').map((f) => f.title)).toEqual(['Sprache und Bildung']),
    );

    // A goal in it.
    await tabTo(page, '[data-testid="field-card"] [data-testid="add-goal-input"]');
    await type(page, 'Sprachkurs innerhalb von 6 Wochen');
    await page.keyboard.press('Enter');
    await eventually(() =>
      expect(observer.model.list('goal').map((g) => g.title)).toEqual([
        'Sprachkurs innerhalb von 6 Wochen',
      ]),
    );

    // A measure for the goal.
    await tabTo(page, '[data-testid="goal-card"] [data-testid="add-measure-input"]');
    await type(page, 'Kurse mit Kinderbetreuung');
    await page.keyboard.press('Enter');
    await eventually(() =>
      expect(observer.model.list('measure').map((m) => m.title)).toEqual([
        'Kurse mit Kinderbetreuung',
      ]),
    );
    await page.getByTestId('measure-item').waitFor();

    // Back (Shift+Tab) to the new measure's status and one step down with the arrow key.
    await tabTo(page, '[data-testid="measure-item"] [data-testid="measure-status"]', {
      shift: true,
    });
    await page.keyboard.press('ArrowDown');
    await eventually(() => expect(observer.model.list('measure')[0]?.status).toBe('inProgress'));
    const measure = observer.model.list('measure')[0]!;
    const goal = observer.model.list('goal')[0]!;
    const field = observer.model.list('field')[0]!;
    expect(measure.parentId).toBe(field.id);
    expect(goal.parentId).toBe(field.id);
    expect(
      observer.model
        .list('link')
        .some((l) => l.type === 'serves' && l.from === measure.id && l.to === goal.id),
    ).toBe(true);
    await page.locator('[data-testid="measure-item"][data-status="inProgress"]').waitFor();

    // Deleting the field asks first; Escape closes the dialog and the focus returns to the button.
    await tabTo(page, '[data-testid="field-delete"]', { shift: true });
    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-dialog').waitFor();
    expect((await focused(page))?.testId).toBe('confirm-cancel');
    // Inside the modal dialog, Tab stays in the dialog.
    await page.keyboard.press('Tab');
    expect((await focused(page))?.testId).toBe('confirm-delete');
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-dialog').waitFor({ state: 'hidden' });
    expect((await focused(page))?.testId).toBe('field-delete');
    expect(observer.model.list('field')).toHaveLength(1);

    // The outline view: toggled with Space, lists what was just made.
    await tabTo(page, '[data-testid="outline-toggle"]', { shift: true });
    await page.keyboard.press('Space');
    await page.getByTestId('outline').waitFor();
    const outline = await page.getByTestId('outline').innerText();
    for (const text of [
      'Sprache und Bildung',
      'Sprachkurs innerhalb von 6 Wochen',
      'Kurse mit Kinderbetreuung',
      'in Umsetzung',
    ]) {
      expect(outline).toContain(text);
    }
    expect((await focused(page))?.testId).toBe('outline-toggle');
    await page.screenshot({ path: artefactPath('keyboard-outline-1280.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});

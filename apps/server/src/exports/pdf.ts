import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { Goal, Measure } from '@werkraum/model';
import type { Logger } from '../logger.js';
import {
  MEASURE_HEADERS,
  NO_GOAL_HEADING,
  paperTexts,
  printed,
  type DecisionPaper,
  type PrintedText,
} from './decision.js';
import { MEASURE_STATUS_DE, germanDate } from './labels.js';

/** Escapes text for HTML content and attribute values: user text is always text, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (char) => `&#${char.charCodeAt(0)};`);
}

const PRINT_CSS = `
@page { size: A4; margin: 20mm 18mm 22mm 22mm; }
* { box-sizing: border-box; }
html { font-family: "Liberation Sans", Arial, "DejaVu Sans", "Noto Sans", "Noto Sans Arabic", sans-serif;
  font-size: 10.5pt; line-height: 1.4; color: #000; background: #fff; }
body { margin: 0; }
h1 { font-size: 20pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; margin: 8mm 0 2mm; break-after: avoid; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2mm; }
.kind { font-size: 11pt; text-transform: uppercase; letter-spacing: 0.08em; margin-bottom: 2mm; }
.municipality { font-weight: bold; font-size: 12pt; }
.meta { margin: 3mm 0; }
.meta dt { font-weight: bold; float: inline-start; margin-inline-end: 2mm; }
.meta dd { margin: 0 0 1mm; }
.de { font-style: italic; font-size: 9.5pt; color: #333; }
.label { font-weight: bold; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid #777; padding: 1.5mm 2mm; text-align: start; vertical-align: top; }
th { background: #e7e6e6; }
col.title { width: 46%; } col.owner { width: 26%; } col.due { width: 13%; } col.status { width: 15%; }
ul { margin: 0 0 3mm; padding-inline-start: 6mm; }
[dir="rtl"] { text-align: right; }
footer { margin-top: 10mm; font-size: 9pt; color: #333; }
`;

function printedHtml(value: PrintedText, tag = 'p', prefix = ''): string {
  const dir = value.rtl ? 'rtl' : 'auto';
  const main = `<${tag} dir="${dir}">${prefix ? `${escapeHtml(prefix)}` : ''}<bdi>${escapeHtml(value.text)}</bdi></${tag}>`;
  if (!value.de) return main;
  return `${main}<p class="de" lang="de" dir="ltr">Deutsch: ${escapeHtml(value.de)}</p>`;
}

function measureTable(measures: Measure[]): string {
  const head = MEASURE_HEADERS.map((label) => `<th scope="col">${escapeHtml(label)}</th>`).join('');
  const rows = measures
    .map(
      (m) =>
        `<tr><td>${printedHtml(printed(m, 'title'))}</td><td>${printedHtml(printed(m, 'owner'))}</td>` +
        `<td>${escapeHtml(germanDate(m.due) || '–')}</td><td>${escapeHtml(MEASURE_STATUS_DE[m.status])}</td></tr>`,
    )
    .join('\n');
  return (
    '<table><colgroup><col class="title"><col class="owner"><col class="due"><col class="status"></colgroup>' +
    `<thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`
  );
}

function goalLine(goal: Goal): string {
  const parts: string[] = [];
  if (goal.owner.trim()) parts.push(`Verantwortlich: ${goal.owner}`);
  if (goal.due) parts.push(`Zieldatum: ${germanDate(goal.due)}`);
  return parts.length > 0 ? `<p dir="auto">${escapeHtml(parts.join(' · '))}</p>` : '';
}

/**
 * The decision paper as a self-contained HTML page with a print stylesheet (A4): no script, no
 * external resource, every user text escaped. Printed to PDF by `PdfPrinter`.
 */
export function renderDecisionHtml(paper: DecisionPaper): string {
  const t = paperTexts(paper);
  const out: string[] = [];
  out.push(
    '<!doctype html>',
    '<html lang="de" dir="ltr"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(`${t.kind}: ${paper.boardTitle}`)}</title>`,
    `<style>${PRINT_CSS}</style></head><body>`,
    `<header><p class="kind">${escapeHtml(t.kind)}</p>`,
    `<p class="municipality" dir="auto">${escapeHtml(paper.municipality)}</p>`,
    `<h1 dir="auto">${escapeHtml(paper.boardTitle)}</h1>`,
    '<dl class="meta">',
    `<dt>Gremium:</dt><dd>${escapeHtml(t.council)}</dd>`,
    `<dt>Grundlage:</dt><dd dir="auto">${escapeHtml(t.versionLine)}</dd>`,
    '</dl></header><main>',
    '<h2>Beschlussvorschlag</h2>',
    `<p dir="auto">${escapeHtml(t.proposal)}</p>`,
    `<p><span class="label">Umfang:</span> ${escapeHtml(t.summary)}</p>`,
  );
  if (paper.zielerklaerung.fields.length === 0) out.push(`<p>${escapeHtml(t.empty)}</p>`);
  for (const { field, goals } of paper.zielerklaerung.fields) {
    out.push('<section>', printedHtml(printed(field, 'title'), 'h2', 'Handlungsfeld: '));
    for (const bucket of goals) {
      out.push('<section>');
      if (bucket.goal) {
        out.push(printedHtml(printed(bucket.goal, 'title'), 'h3', 'Ziel: '), goalLine(bucket.goal));
      } else {
        out.push(`<h3>${escapeHtml(NO_GOAL_HEADING)}</h3>`);
      }
      if (bucket.milestones.length > 0) {
        out.push('<p class="label">Meilensteine</p><ul>');
        for (const milestone of bucket.milestones) {
          const title = printed(milestone, 'title');
          const due = milestone.due ? ` – bis ${germanDate(milestone.due)}` : '';
          out.push(
            `<li dir="${title.rtl ? 'rtl' : 'auto'}"><bdi>${escapeHtml(title.text)}</bdi>${escapeHtml(due)}` +
              (title.de
                ? `<br><span class="de" lang="de" dir="ltr">Deutsch: ${escapeHtml(title.de)}</span>`
                : '') +
              '</li>',
          );
        }
        out.push('</ul>');
      }
      if (bucket.measures.length > 0) {
        out.push('<p class="label">Maßnahmen</p>', measureTable(bucket.measures));
      }
      out.push('</section>');
    }
    out.push('</section>');
  }
  out.push(`</main><footer>${escapeHtml(t.footer)}</footer></body></html>`);
  return out.join('\n');
}

/** Chromium is not installed where `chromiumPath` says, or does not start. */
export class ChromiumUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChromiumUnavailableError';
  }
}

/** Too many prints are waiting. */
export class PrinterBusyError extends Error {
  constructor() {
    super('Too many PDF exports are waiting; try again in a moment');
    this.name = 'PrinterBusyError';
  }
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export interface PdfPrinterOptions {
  /** The system Chromium (config `chromiumPath`, env `CHROMIUM_PATH`). */
  chromiumPath: string;
  logger?: Logger;
  /** Close the browser after this long without a print (default 60 s). */
  idleCloseMs?: number;
  /** Most prints waiting behind the running one; more are refused (default 8). */
  maxQueued?: number;
  /** Time limit of one print (default 30 s). */
  timeoutMs?: number;
}

/**
 * Prints HTML to PDF with the system Chromium (playwright-core; nothing is downloaded), one
 * print at a time. JavaScript is off in the page and every network request is aborted, so a
 * page shows only the HTML it was given. The browser starts on the first print and closes when
 * idle.
 */
export class PdfPrinter {
  readonly chromiumPath: string;
  #logger: Logger | undefined;
  #idleCloseMs: number;
  #maxQueued: number;
  #timeoutMs: number;
  #browser: Promise<Browser> | null = null;
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  #idleTimer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(options: PdfPrinterOptions) {
    this.chromiumPath = options.chromiumPath;
    this.#logger = options.logger;
    this.#idleCloseMs = options.idleCloseMs ?? 60_000;
    this.#maxQueued = options.maxQueued ?? 8;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Whether the Chromium binary exists (it may still fail to start). */
  get available(): boolean {
    return existsSync(this.chromiumPath);
  }

  /** Prints a page (A4). Rejects with `ChromiumUnavailableError` or `PrinterBusyError`. */
  print(html: string, options: { footerText?: string } = {}): Promise<Buffer> {
    if (this.#closed)
      return Promise.reject(new ChromiumUnavailableError('The PDF printer is closed'));
    if (this.#waiting > this.#maxQueued) return Promise.reject(new PrinterBusyError());
    this.#waiting++;
    const run = this.#tail.then(() => this.#printNow(html, options));
    this.#tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run.finally(() => {
      this.#waiting--;
      this.#scheduleIdleClose();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    await this.#tail;
    await this.#closeBrowser();
  }

  async #printNow(html: string, options: { footerText?: string }): Promise<Buffer> {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const browser = await this.#getBrowser();
    const context = await browser.newContext({
      javaScriptEnabled: false,
      offline: true,
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    try {
      context.setDefaultTimeout(this.#timeoutMs);
      // Every request of the page (images, fonts, frames, links) is refused.
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: this.#timeoutMs });
      const footer = escapeHtml(options.footerText ?? '');
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate:
          '<div style="font-family: Arial, sans-serif; font-size: 8pt; width: 100%; padding: 0 18mm 0 22mm; display: flex; justify-content: space-between;">' +
          `<span>${footer}</span><span>Seite <span class="pageNumber"></span> von <span class="totalPages"></span></span></div>`,
      });
    } catch (error) {
      // A crashed browser is started again on the next print.
      if (!browser.isConnected()) this.#browser = null;
      throw error;
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  #getBrowser(): Promise<Browser> {
    const current = this.#browser;
    if (current) {
      return current.then((browser) => {
        if (browser.isConnected()) return browser;
        this.#browser = null;
        return this.#getBrowser();
      });
    }
    if (!existsSync(this.chromiumPath)) {
      return Promise.reject(
        new ChromiumUnavailableError(
          `PDF export is unavailable: Chromium was not found at ${this.chromiumPath} ` +
            '(install it, e.g. apt-get install chromium, or set CHROMIUM_PATH)',
        ),
      );
    }
    // playwright-core is loaded on the first print: importing it takes seconds, and most
    // servers never print.
    const launching = import('playwright-core')
      .then(({ chromium }) =>
        chromium.launch({
          executablePath: this.chromiumPath,
          args: [...CHROMIUM_ARGS],
          timeout: this.#timeoutMs,
        }),
      )
      .catch((error: unknown) => {
        this.#browser = null;
        this.#logger?.error(
          { err: error, chromiumPath: this.chromiumPath },
          'chromium failed to start',
        );
        throw new ChromiumUnavailableError(
          `PDF export is unavailable: Chromium at ${this.chromiumPath} did not start`,
          { cause: error },
        );
      });
    this.#browser = launching;
    return launching;
  }

  #scheduleIdleClose(): void {
    if (this.#waiting > 0 || this.#closed || !this.#browser) return;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      if (this.#waiting === 0) void this.#closeBrowser();
    }, this.#idleCloseMs);
    this.#idleTimer.unref();
  }

  async #closeBrowser(): Promise<void> {
    const browser = this.#browser;
    this.#browser = null;
    if (!browser) return;
    try {
      await (await browser).close();
    } catch {
      // It did not start or is gone already: nothing to close.
    }
  }
}

/** The decision paper as PDF. */
export function renderDecisionPdf(paper: DecisionPaper, printer: PdfPrinter): Promise<Buffer> {
  const t = paperTexts(paper);
  return printer.print(renderDecisionHtml(paper), {
    footerText: `${t.kind} – ${paper.municipality}`,
  });
}

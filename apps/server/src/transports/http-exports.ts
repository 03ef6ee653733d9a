import { zielerklaerungOf, type PlainBoard, type VersionInfo } from '@werkraum/model';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Boards } from '../boards.js';
import { BoardNotFoundError } from '../errors.js';
import { renderMeasuresCsv } from '../exports/csv.js';
import type { DecisionPaper } from '../exports/decision.js';
import { renderMarkdown } from '../exports/markdown.js';
import {
  ChromiumUnavailableError,
  PrinterBusyError,
  renderDecisionPdf,
  type PdfPrinter,
} from '../exports/pdf.js';
import type { Logger } from '../logger.js';
import type { Versions } from '../versions.js';
import { sendError, toIssues, type Authorize } from './http-common.js';
import { exportFileName } from './http.js';

export interface ExportRoutesOptions {
  boards: Pick<Boards, 'export'>;
  authorize: Authorize;
  versions: Pick<Versions, 'list' | 'get'>;
  /** Prints the decision paper; without one, `decision.pdf` answers 503. */
  pdf: PdfPrinter | null;
  logger: Logger;
}

/** A version id as the model makes them: 16 base64url characters. */
const versionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16}$/, 'A version id is 16 characters of A–Z, a–z, 0–9, "-" and "_".');

const versionQuerySchema = z.object({ version: versionIdSchema.optional() });
const csvQuerySchema = versionQuerySchema.extend({
  separator: z
    .enum(['semicolon', 'comma', ';', ','], {
      error: 'separator must be semicolon (default) or comma',
    })
    .optional(),
});

export const EXPORT_CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
} as const;

/** `werkraum-<slug>-<YYYY-MM-DD>.<ext>`, as the JSON export's `exportFileName` (ASCII only). */
export function exportFileNameFor(
  meta: Pick<PlainBoard['meta'], 'municipality' | 'title'>,
  date: Date,
  ext: keyof typeof EXPORT_CONTENT_TYPES,
): string {
  return exportFileName(meta, date).replace(/\.json$/, `.${ext}`);
}

interface Source {
  board: PlainBoard;
  version: VersionInfo | null;
}

/**
 * The export routes (facilitator and steering: permission `exportBoard`):
 * `GET /boards/:id/exports/decision.docx|decision.pdf|measures.csv|board.md`, each with an
 * optional `?version=<versionId>`; `measures.csv` also takes `separator=semicolon|comma`.
 */
export function exportRoutes(options: ExportRoutesOptions): Router {
  const { boards, authorize, versions, logger } = options;
  const router = express.Router();

  /** Parses the query; answers 400 itself and resolves null. */
  const parseQuery = <T extends z.ZodType>(
    req: Request,
    res: Response,
    schema: T,
  ): z.infer<T> | null => {
    const parsed = schema.safeParse(req.query);
    if (!parsed.success) {
      sendError(res, 'bad_request', 'Invalid query', toIssues(parsed.error));
      return null;
    }
    return parsed.data as z.infer<T>;
  };

  /**
   * The board to export: the given version, else (decision) the newest Zielerklärung or (live)
   * the live board. Answers 404/409 itself and resolves null.
   */
  const loadSource = async (
    res: Response,
    boardId: string,
    versionId: string | undefined,
    fallback: 'zielerklaerung' | 'live',
  ): Promise<Source | null> => {
    if (versionId !== undefined) {
      const found = await versions.get(boardId, versionId);
      if (!found) {
        sendError(res, 'not_found', 'No such version of this board');
        return null;
      }
      return { board: found.board, version: found.info };
    }
    if (fallback === 'zielerklaerung') {
      const newest = (await versions.list(boardId)).find((v) => v.kind === 'zielerklaerung');
      if (!newest) {
        sendError(
          res,
          'conflict',
          'This board has no Zielerklärung yet: record the decision in step 7 first, or choose a version',
        );
        return null;
      }
      const found = await versions.get(boardId, newest.id);
      if (!found) {
        sendError(res, 'not_found', 'No such version of this board');
        return null;
      }
      return { board: found.board, version: found.info };
    }
    try {
      const file = await boards.export(boardId);
      return { board: file.board, version: null };
    } catch (error) {
      if (error instanceof BoardNotFoundError) {
        sendError(res, 'not_found', 'Board not found');
        return null;
      }
      throw error;
    }
  };

  const attach = (res: Response, source: Source, ext: keyof typeof EXPORT_CONTENT_TYPES): void => {
    const date = source.version ? new Date(source.version.createdAt) : new Date();
    const name = exportFileNameFor(source.board.meta, date, ext);
    res.setHeader('Content-Type', EXPORT_CONTENT_TYPES[ext]);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  };

  const paperOf = (source: Source): DecisionPaper => ({
    municipality: source.board.meta.municipality,
    boardTitle: source.board.meta.title,
    version: source.version
      ? {
          name: source.version.name,
          createdAt: source.version.createdAt,
          kind: source.version.kind,
        }
      : { name: 'aktueller Stand', createdAt: Date.now(), kind: 'live' },
    zielerklaerung: zielerklaerungOf(source.board),
  });

  router.get('/boards/:id/exports/decision.docx', async (req, res) => {
    const auth = await authorize(req, res, 'exportBoard');
    if (!auth) return;
    const query = parseQuery(req, res, versionQuerySchema);
    if (!query) return;
    const source = await loadSource(res, auth.boardId, query.version, 'zielerklaerung');
    if (!source) return;
    // `docx` is loaded on the first export, not at server start.
    const { renderDecisionDocx } = await import('../exports/docx.js');
    const file = await renderDecisionDocx(paperOf(source));
    attach(res, source, 'docx');
    res.send(file);
  });

  router.get('/boards/:id/exports/decision.pdf', async (req, res) => {
    const auth = await authorize(req, res, 'exportBoard');
    if (!auth) return;
    const query = parseQuery(req, res, versionQuerySchema);
    if (!query) return;
    const source = await loadSource(res, auth.boardId, query.version, 'zielerklaerung');
    if (!source) return;
    if (!options.pdf) {
      sendError(res, 'unavailable', 'PDF export is not available on this server');
      return;
    }
    let file: Buffer;
    try {
      file = await renderDecisionPdf(paperOf(source), options.pdf);
    } catch (error) {
      if (error instanceof ChromiumUnavailableError) {
        logger.warn({ err: error }, 'pdf export unavailable');
        sendError(res, 'unavailable', error.message);
        return;
      }
      if (error instanceof PrinterBusyError) {
        res.setHeader('Retry-After', '10');
        sendError(res, 'unavailable', error.message);
        return;
      }
      throw error;
    }
    attach(res, source, 'pdf');
    res.send(file);
  });

  router.get('/boards/:id/exports/measures.csv', async (req, res) => {
    const auth = await authorize(req, res, 'exportBoard');
    if (!auth) return;
    const query = parseQuery(req, res, csvQuerySchema);
    if (!query) return;
    const source = await loadSource(res, auth.boardId, query.version, 'live');
    if (!source) return;
    const separator = query.separator === 'comma' || query.separator === ',' ? ',' : ';';
    attach(res, source, 'csv');
    res.send(Buffer.from(renderMeasuresCsv(source.board, { separator }), 'utf8'));
  });

  router.get('/boards/:id/exports/board.md', async (req, res) => {
    const auth = await authorize(req, res, 'exportBoard');
    if (!auth) return;
    const query = parseQuery(req, res, versionQuerySchema);
    if (!query) return;
    const source = await loadSource(res, auth.boardId, query.version, 'live');
    if (!source) return;
    attach(res, source, 'md');
    res.send(
      Buffer.from(
        renderMarkdown(source.board, {
          version: source.version
            ? { name: source.version.name, createdAt: source.version.createdAt }
            : null,
        }),
        'utf8',
      ),
    );
  });

  return router;
}

import {
  ROLE_PERMISSIONS,
  ROLES,
  boardExportSchema,
  checkPlainBoard,
  createBoardInputSchema,
  roleSchema,
  type BoardMeta,
  type Role,
  type RolePermissions,
} from '@werkraum/model';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { linkUrl, type Access } from '../access.js';
import type { Boards, CreatedBoard } from '../boards.js';
import { BoardNotFoundError, StorageFailureError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createAuthorize, ipRateLimit, sendError, toIssues } from './http-common.js';
import { processRoutes, type ProcessRoutesOptions } from './http-process.js';
import { exportRoutes, type ExportRoutesOptions } from './http-exports.js';

export type { ApiErrorBody, ApiErrorCode, ApiIssue } from './http-common.js';

/** One role's link: the token and the relative URL `/b/<id>#<token>`. */
export interface LinkInfo {
  token: string;
  url: string;
}

/** Answer of `POST /api/boards` and `POST /api/boards/import`. */
export interface CreatedBoardBody {
  id: string;
  role: 'facilitator';
  links: Record<Role, LinkInfo>;
  meta: BoardMeta;
}

/** Answer of `GET /api/boards/:id`. */
export interface BoardInfoBody extends BoardMeta {
  id: string;
  updatedAt: number;
  role: Role;
  permissions: RolePermissions;
  /** ISO date after which the retention sweep deletes an unchanged board; facilitator only. */
  deleteAfter?: string;
}

export interface HttpApiOptions {
  boards: Boards;
  access: Access;
  logger: Logger;
  maxHttpBodyBytes: number;
  maxImportBytes: number;
  /** Send `Strict-Transport-Security` (when the public URL is https). */
  hsts: boolean;
  /** Create, import, rotate and delete requests per minute per client IP (burst the same). */
  httpWriteLimitPerMinute: number;
  /** express `trust proxy` (decides `req.ip`, the key of the write limit). */
  trustProxy: boolean | number;
  /** Numbers for `/api/health`. */
  stats: () => { boardsLoaded: number; connections: number; sessions: number };
  /** The process routes (versions, calendar, publication, attendance); see `http-process.ts`. */
  process?: Omit<ProcessRoutesOptions, 'access' | 'boards' | 'logger' | 'limitWrites'>;
  /** The export routes (DOCX, PDF, CSV, Markdown); see `http-exports.ts`. */
  exports?: Omit<ExportRoutesOptions, 'boards' | 'authorize' | 'logger'>;
  /** Mounted after the API (the SvelteKit app), or null to serve only the API. */
  webHandler?: () => RequestHandler | null;
}

/** `werkraum-<slug>-<YYYY-MM-DD>.json`: ASCII only, so it needs no header encoding. */
export function exportFileName(
  meta: Pick<BoardMeta, 'municipality' | 'title'>,
  date: Date,
): string {
  const slug =
    `${meta.municipality} ${meta.title}`
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/g, '') || 'board';
  return `werkraum-${slug}-${date.toISOString().slice(0, 10)}.json`;
}

function createdBody({ record, tokens }: CreatedBoard): CreatedBoardBody {
  const links = Object.fromEntries(
    ROLES.map((role) => [role, { token: tokens[role], url: linkUrl(record.id, tokens[role]) }]),
  ) as Record<Role, LinkInfo>;
  const { municipality, title, languages, createdAt } = record;
  return {
    id: record.id,
    role: 'facilitator',
    links,
    meta: { municipality, title, languages, createdAt },
  };
}

/**
 * The HTTP API (express). Every board route but create/import needs `Authorization: Bearer
 * <token>`; see the README for the routes. Errors are always JSON `ApiErrorBody`.
 */
export function createHttpApp(options: HttpApiOptions): Express {
  const { boards, access, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', options.trustProxy);

  // Every response. Pages get their Content-Security-Policy from SvelteKit (kit.csp), so none
  // is set here except for the API below.
  app.use(
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: options.hsts ? { maxAge: 31_536_000 } : false,
      xFrameOptions: { action: 'deny' },
      // Board URLs are capability links: never leak them to other sites via Referer.
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );

  const authorize = createAuthorize(access);

  const api = express.Router();
  api.use(
    helmet.contentSecurityPolicy({
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    }),
  );
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  // The routes anyone (create, import) or a link holder (rotate, delete) can use to write:
  // limited per client IP, before the body is parsed or a token is checked.
  const limitWrites = ipRateLimit(options.httpWriteLimitPerMinute);
  api.post(['/boards', '/boards/import', '/boards/:id/links/:role/rotate'], limitWrites);
  api.delete('/boards/:id', limitWrites);

  // Before the general body parser: an export file may be larger than other bodies.
  api.post('/boards/import', express.json({ limit: options.maxImportBytes }), async (req, res) => {
    const parsed = boardExportSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 'bad_request', 'Not a Werkraum board export', toIssues(parsed.error));
      return;
    }
    const problems = checkPlainBoard(parsed.data.board);
    if (problems.length > 0) {
      sendError(
        res,
        'bad_request',
        'The board in the file is inconsistent',
        problems.slice(0, 50).map((message) => ({ path: 'board', message })),
      );
      return;
    }
    const created = await boards.importBoard(parsed.data.board);
    res.status(201).location(`/api/boards/${created.record.id}`).json(createdBody(created));
  });

  api.use(express.json({ limit: options.maxHttpBodyBytes }));

  api.post('/boards', async (req, res) => {
    const parsed = createBoardInputSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 'bad_request', 'Invalid board data', toIssues(parsed.error));
      return;
    }
    const created = await boards.create(parsed.data);
    res.status(201).location(`/api/boards/${created.record.id}`).json(createdBody(created));
  });

  api.get('/boards/:id', async (req, res) => {
    const auth = await authorize(req, res);
    if (!auth) return;
    const board = await boards.describe(auth.boardId);
    if (!board) {
      sendError(res, 'not_found', 'Board not found');
      return;
    }
    const { municipality, title, languages, createdAt, updatedAt } = board;
    const body: BoardInfoBody = {
      id: auth.boardId,
      municipality,
      title,
      languages,
      createdAt,
      updatedAt,
      role: auth.role,
      permissions: ROLE_PERMISSIONS[auth.role],
    };
    if (auth.role === 'facilitator') body.deleteAfter = boards.deleteAfter(board).toISOString();
    res.json(body);
  });

  api.post('/boards/:id/links/:role/rotate', async (req, res) => {
    const auth = await authorize(req, res, 'manageBoard');
    if (!auth) return;
    const role = roleSchema.safeParse(req.params.role);
    if (!role.success) {
      sendError(res, 'bad_request', `Role must be one of ${ROLES.join(', ')}`);
      return;
    }
    const token = await boards.rotateLink(auth.boardId, role.data);
    res.json({ role: role.data, token, url: linkUrl(auth.boardId, token) });
  });

  api.delete('/boards/:id', async (req, res) => {
    const auth = await authorize(req, res, 'manageBoard');
    if (!auth) return;
    await boards.delete(auth.boardId);
    res.status(204).end();
  });

  api.get('/boards/:id/export', async (req, res) => {
    const auth = await authorize(req, res, 'exportBoard');
    if (!auth) return;
    let file;
    try {
      file = await boards.export(auth.boardId);
    } catch (error) {
      if (error instanceof BoardNotFoundError) {
        sendError(res, 'not_found', 'Board not found');
        return;
      }
      throw error;
    }
    const name = exportFileName(file.board.meta, new Date(file.exportedAt));
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.json(file);
  });

  if (options.process)
    api.use(processRoutes({ ...options.process, access, boards, logger, limitWrites }));
  if (options.exports) api.use(exportRoutes({ ...options.exports, boards, authorize, logger }));

  api.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      ...options.stats(),
      uptimeSeconds: Math.round(process.uptime()),
    });
  });

  api.use((_req, res) => sendError(res, 'not_found', 'No such API route'));

  app.use('/api', api);

  if (options.webHandler) {
    const getHandler = options.webHandler;
    app.use((req, res, next) => {
      const handler = getHandler();
      if (handler) handler(req, res, next);
      else next();
    });
  }

  app.use((_req, res) => sendError(res, 'not_found', 'Not found'));

  const onError: ErrorRequestHandler = (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const err = error as {
      type?: string;
      status?: number;
      expose?: boolean;
      message?: string;
      limit?: number;
    };
    if (err.type === 'entity.too.large' || err.status === 413) {
      sendError(
        res,
        'payload_too_large',
        `Body larger than ${err.limit ?? options.maxHttpBodyBytes} bytes`,
      );
    } else if (err.type === 'entity.parse.failed') {
      sendError(res, 'bad_request', 'Body is not valid JSON');
    } else if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      sendError(res, 'bad_request', err.expose && err.message ? err.message : 'Bad request');
    } else if (error instanceof StorageFailureError) {
      logger.error({ err: error, method: req.method, route: req.route?.path }, 'storage failed');
      res.setHeader('Retry-After', '5');
      sendError(res, 'unavailable', 'Storage is unavailable; try again later');
    } else {
      logger.error({ err: error, method: req.method, route: req.route?.path }, 'request failed');
      sendError(res, 'internal', 'Internal server error');
    }
  };
  app.use(onError);
  return app;
}

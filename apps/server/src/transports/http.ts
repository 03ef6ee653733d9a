import { boardIdSchema, createBoardInputSchema } from '@werkraum/model';
import express, {
  type ErrorRequestHandler,
  type Express,
  type RequestHandler,
  type Response,
} from 'express';
import type { z } from 'zod';
import type { Boards } from '../boards.js';
import type { Logger } from '../logger.js';
import { YJS_PATH } from '../protocol.js';

export type ApiErrorCode = 'bad_request' | 'not_found' | 'payload_too_large' | 'internal';

export interface ApiIssue {
  path: string;
  message: string;
}

/** Body of every error response. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; issues?: ApiIssue[] };
}

export interface HttpApiOptions {
  boards: Boards;
  logger: Logger;
  maxHttpBodyBytes: number;
  /** Numbers for `/api/health`. */
  stats: () => { boardsLoaded: number; connections: number; sessions: number };
  /** Mounted after the API (the SvelteKit app), or null to serve only the API. */
  webHandler?: () => RequestHandler | null;
}

const statusOf: Record<ApiErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  payload_too_large: 413,
  internal: 500,
};

function sendError(res: Response, code: ApiErrorCode, message: string, issues?: ApiIssue[]): void {
  const body: ApiErrorBody = { error: { code, message, ...(issues ? { issues } : {}) } };
  res.status(statusOf[code]).json(body);
}

function toIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * The HTTP API (express). Routes:
 * - `POST /api/boards` → 201 `{ id, url, websocketUrl, meta }`
 * - `GET /api/boards/:id` → 200 `{ id, municipality, title, languages, createdAt, updatedAt }`
 * - `GET /api/health` → 200 `{ status, boardsLoaded, connections, sessions, uptimeSeconds }`
 * Errors are always JSON `ApiErrorBody`.
 */
export function createHttpApp(options: HttpApiOptions): Express {
  const { boards, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Board URLs are capability links: never leak them to other sites via Referer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });

  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: options.maxHttpBodyBytes }));

  api.post('/boards', async (req, res) => {
    const parsed = createBoardInputSchema.safeParse(req.body);
    if (!parsed.success) {
      sendError(res, 'bad_request', 'Invalid board data', toIssues(parsed.error));
      return;
    }
    const record = await boards.create(parsed.data);
    const { id, municipality, title, languages, createdAt } = record;
    res
      .status(201)
      .location(`/api/boards/${id}`)
      .json({
        id,
        url: `/b/${id}`,
        websocketUrl: YJS_PATH,
        meta: { municipality, title, languages, createdAt },
      });
  });

  api.get('/boards/:id', async (req, res) => {
    const id = boardIdSchema.safeParse(req.params.id);
    if (!id.success) {
      sendError(res, 'bad_request', 'Malformed board id', toIssues(id.error));
      return;
    }
    const board = await boards.describe(id.data);
    if (!board) {
      sendError(res, 'not_found', 'Board not found');
      return;
    }
    const { municipality, title, languages, createdAt, updatedAt } = board;
    res.json({ id: id.data, municipality, title, languages, createdAt, updatedAt });
  });

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
    const err = error as { type?: string; status?: number; expose?: boolean; message?: string };
    if (err.type === 'entity.too.large' || err.status === 413) {
      sendError(res, 'payload_too_large', `Body larger than ${options.maxHttpBodyBytes} bytes`);
    } else if (err.type === 'entity.parse.failed') {
      sendError(res, 'bad_request', 'Body is not valid JSON');
    } else if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      sendError(res, 'bad_request', err.expose && err.message ? err.message : 'Bad request');
    } else {
      logger.error({ err: error, method: req.method, route: req.route?.path }, 'request failed');
      sendError(res, 'internal', 'Internal server error');
    }
  };
  app.use(onError);
  return app;
}

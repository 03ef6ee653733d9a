import { timingSafeEqual } from 'node:crypto';
import { displayNameSchema } from './socketio.js';
import {
  boardIdSchema,
  itemIdSchema,
  versionInfoSchema,
  zielerklaerungOf,
  type PlainBoard,
  type VersionInfo,
  type Zielerklaerung,
} from '@werkraum/model';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { hashToken, newToken, type Access } from '../access.js';
import type { Attendance } from '../attendance.js';
import type { Boards } from '../boards.js';
import { BoardNotFoundError } from '../errors.js';
import { renderCalendar } from '../exports/calendar.js';
import { boardRef, type Logger } from '../logger.js';
import type { BoardStore, Publication } from '../storage/types.js';
import { VersionError, type Versions } from '../versions.js';
import { createAuthorize, ipRateLimit, sendError, toIssues } from './http-common.js';

/**
 * The process routes of the HTTP API (issue 5): named versions (list, view, record, restore),
 * the calendar feed (secret URL), the public results page and the workshops' attendance. See
 * the README ("Process API") for shapes and roles.
 */

export interface ProcessRoutesOptions {
  access: Access;
  boards: Boards;
  versions: Versions;
  attendance: Attendance;
  store: BoardStore;
  logger: Logger;
  /** The write limit of `http.ts` (one bucket per IP shared with create/rotate/delete). */
  limitWrites: RequestHandler;
  /** Requests per minute per IP on the public reads (calendar feed, results page). */
  publicReadLimitPerMinute: number;
  /** Public base URL (for the board link in the calendar); default: the request's host. */
  publicUrl?: string | undefined;
}

/** Kinds a person records (the server records 'session' versions itself). */
export const RECORDABLE_KINDS = ['manual', 'zielerklaerung', 'quarterly', 'review'] as const;

const versionIdSchema = versionInfoSchema.shape.id;
/** A calendar secret or public id: 16 random bytes, base64url. */
const secretSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Expected 22 base64url characters');
const CALENDAR_FILE = /^([A-Za-z0-9_-]{22})\.ics$/;

export const recordVersionBodySchema = z.strictObject({
  kind: z.enum(RECORDABLE_KINDS),
  name: z.string().trim().min(1, 'A name is required').max(200),
  reportId: itemIdSchema.nullable().optional(),
  /** The recording person's display name (as in presence); omitted for anonymous people. */
  createdBy: displayNameSchema.optional(),
});

export const restoreBodySchema = z.strictObject({ itemId: itemIdSchema.optional() });

export const publicationBodySchema = z.strictObject({
  versionId: versionIdSchema,
  title: z.string().trim().min(1, 'A title is required').max(200),
  text: z.string().max(20_000),
});

/** `GET /api/boards/:id/versions`. */
export interface VersionsBody {
  versions: VersionInfo[];
}

/** `GET /api/boards/:id/calendar`: the URL only when this call created the secret. */
export interface CalendarBody {
  url: string | null;
  created: boolean;
}

/** `GET /api/public/:publicId`. */
export interface PublicPageBody {
  municipality: string;
  title: string;
  text: string;
  publishedAt: number;
  zielerklaerung: Zielerklaerung;
  version: { name: string; createdAt: number };
}

export const calendarUrl = (boardId: string, secret: string): string =>
  `/api/calendar/${boardId}/${secret}.ics`;
export const publicationUrl = (publicId: string): string => `/p/${publicId}`;

/** Authors' names and keys are not part of the public page. */
function withoutAuthors<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutAuthors) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) copy[key] = withoutAuthors(entry);
  if ('createdBy' in copy) copy.createdBy = '';
  if ('createdById' in copy) copy.createdById = '';
  return copy as T;
}

/** Parses `req.body` (missing body = `{}`); answers 400 itself and resolves null. */
function parseBody<S extends z.ZodType>(
  req: Request,
  res: Response,
  schema: S,
  what: string,
): z.infer<S> | null {
  const parsed = schema.safeParse(req.body ?? {});
  if (!parsed.success) {
    sendError(res, 'bad_request', `Invalid ${what}`, toIssues(parsed.error));
    return null;
  }
  return parsed.data;
}

/** Answers the errors of the version service and of a vanished board; rethrows others. */
function sendKnownError(res: Response, error: unknown): void {
  if (error instanceof VersionError) sendError(res, error.code, error.message);
  else if (error instanceof BoardNotFoundError) sendError(res, 'not_found', 'Board not found');
  else throw error;
}

export function processRoutes(options: ProcessRoutesOptions): Router {
  const { store, versions, attendance, boards, logger, limitWrites } = options;
  const authorize = createAuthorize(options.access);
  const limitPublic = ipRateLimit(options.publicReadLimitPerMinute);
  const router = express.Router();
  const EDITORS = ['facilitator', 'steering'] as const;

  const versionParam = (req: Request, res: Response): string | null => {
    const parsed = versionIdSchema.safeParse(req.params.versionId);
    if (!parsed.success) {
      sendError(res, 'bad_request', 'Malformed version id', toIssues(parsed.error));
      return null;
    }
    return parsed.data;
  };

  // Versions.
  router.get('/boards/:id/versions', async (req, res) => {
    const auth = await authorize(req, res);
    if (!auth) return;
    const body: VersionsBody = { versions: await versions.list(auth.boardId) };
    res.json(body);
  });

  router.post('/boards/:id/versions', limitWrites, async (req, res) => {
    const auth = await authorize(req, res, EDITORS);
    if (!auth) return;
    const body = parseBody(req, res, recordVersionBodySchema, 'version');
    if (!body) return;
    try {
      const version = await versions.record(auth.boardId, {
        kind: body.kind,
        name: body.name,
        reportId: body.reportId ?? null,
        createdBy: body.createdBy?.trim() ?? '',
      });
      res.status(201).json({ version });
    } catch (error) {
      sendKnownError(res, error);
    }
  });

  router.get('/boards/:id/versions/:versionId', async (req, res) => {
    const auth = await authorize(req, res);
    if (!auth) return;
    const versionId = versionParam(req, res);
    if (versionId === null) return;
    const version = await versions.get(auth.boardId, versionId);
    if (!version) {
      sendError(res, 'not_found', 'No such version');
      return;
    }
    res.json({ version: version.info, board: version.board });
  });

  router.post('/boards/:id/versions/:versionId/restore', limitWrites, async (req, res) => {
    const auth = await authorize(req, res, EDITORS);
    if (!auth) return;
    const versionId = versionParam(req, res);
    if (versionId === null) return;
    const body = parseBody(req, res, restoreBodySchema, 'restore request');
    if (!body) return;
    try {
      const restored = await versions.restore(auth.boardId, versionId, body.itemId);
      res.json({ restored });
    } catch (error) {
      sendKnownError(res, error);
    }
  });

  // Calendar feed. Only the SHA-256 of the secret is stored, so the URL can be shown only when
  // it is made (first call, rotation).
  const creating = new Map<string, Promise<CalendarBody>>();
  const newCalendarSecret = async (boardId: string): Promise<string> => {
    const secret = newToken();
    await store.setCalendarKey(boardId, hashToken(secret));
    return secret;
  };

  router.get('/boards/:id/calendar', async (req, res) => {
    const auth = await authorize(req, res, EDITORS);
    if (!auth) return;
    const { boardId } = auth;
    // Two first calls at once (in this process) create one secret.
    let pending = creating.get(boardId);
    if (!pending) {
      pending = (async (): Promise<CalendarBody> => {
        if (await store.getCalendarKey(boardId)) return { url: null, created: false };
        const secret = await newCalendarSecret(boardId);
        logger.info({ board: boardRef(boardId) }, 'calendar feed created');
        return { url: calendarUrl(boardId, secret), created: true };
      })().finally(() => creating.delete(boardId));
      creating.set(boardId, pending);
      res.json(await pending);
      return;
    }
    await pending.catch(() => undefined);
    res.json({ url: null, created: false } satisfies CalendarBody);
  });

  router.post('/boards/:id/calendar/rotate', limitWrites, async (req, res) => {
    const auth = await authorize(req, res, ['facilitator']);
    if (!auth) return;
    const secret = await newCalendarSecret(auth.boardId);
    logger.info({ board: boardRef(auth.boardId) }, 'calendar feed rotated');
    res.json({ url: calendarUrl(auth.boardId, secret) });
  });

  router.get('/calendar/:boardId/:file', limitPublic, async (req, res) => {
    const boardId = boardIdSchema.safeParse(req.params.boardId);
    const secret = CALENDAR_FILE.exec(String(req.params.file))?.[1];
    const notFound = (): void => sendError(res, 'not_found', 'No such calendar');
    if (!boardId.success || secret === undefined) {
      notFound();
      return;
    }
    const key = await store.getCalendarKey(boardId.data);
    const given = hashToken(secret);
    // Unknown board and wrong secret get the same answer.
    if (!key || key.byteLength !== given.byteLength || !timingSafeEqual(key, given)) {
      notFound();
      return;
    }
    let board: PlainBoard;
    try {
      board = (await boards.export(boardId.data)).board;
    } catch (error) {
      if (error instanceof BoardNotFoundError) {
        notFound();
        return;
      }
      throw error;
    }
    const base = options.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const body = renderCalendar(board, {
      boardTitle: board.meta.title,
      municipality: board.meta.municipality,
      boardUrl: `${base}/b/${boardId.data}`,
      boardId: boardId.data,
    });
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', 'inline; filename="werkraum.ics"');
    res.send(body);
  });

  // Publication (the public results page of step 8).
  router.get('/boards/:id/publication', async (req, res) => {
    const auth = await authorize(req, res, ['facilitator']);
    if (!auth) return;
    const publication = (await store.getPublication(auth.boardId)) ?? null;
    res.json({ publication, url: publication ? publicationUrl(publication.publicId) : null });
  });

  router.put('/boards/:id/publication', limitWrites, async (req, res) => {
    const auth = await authorize(req, res, ['facilitator']);
    if (!auth) return;
    const body = parseBody(req, res, publicationBodySchema, 'publication');
    if (!body) return;
    const version = await store.getVersion(auth.boardId, body.versionId);
    if (!version) {
      sendError(res, 'not_found', 'No such version');
      return;
    }
    if (version.info.kind !== 'zielerklaerung') {
      sendError(res, 'bad_request', 'Only a Zielerklärung version can be published');
      return;
    }
    const current = await store.getPublication(auth.boardId);
    const publication: Publication = {
      boardId: auth.boardId,
      // Re-publishing keeps the address.
      publicId: current?.publicId ?? newToken(),
      versionId: body.versionId,
      title: body.title,
      text: body.text,
      publishedAt: Date.now(),
    };
    await store.putPublication(publication);
    logger.info({ board: boardRef(auth.boardId) }, 'results page published');
    res.json({ publication, url: publicationUrl(publication.publicId) });
  });

  router.delete('/boards/:id/publication', limitWrites, async (req, res) => {
    const auth = await authorize(req, res, ['facilitator']);
    if (!auth) return;
    if (await store.deletePublication(auth.boardId)) {
      logger.info({ board: boardRef(auth.boardId) }, 'results page revoked');
    }
    res.status(204).end();
  });

  router.get('/public/:publicId', limitPublic, async (req, res) => {
    const publicId = secretSchema.safeParse(req.params.publicId);
    if (!publicId.success) {
      sendError(res, 'bad_request', 'Malformed page id', toIssues(publicId.error));
      return;
    }
    const publication = await store.findPublication(publicId.data);
    const version = publication
      ? await versions.get(publication.boardId, publication.versionId)
      : undefined;
    if (!publication || !version) {
      sendError(res, 'not_found', 'No such page (it may have been withdrawn)');
      return;
    }
    const body: PublicPageBody = {
      municipality: version.board.meta.municipality,
      title: publication.title,
      text: publication.text,
      publishedAt: publication.publishedAt,
      zielerklaerung: withoutAuthors(zielerklaerungOf(version.board)),
      version: { name: version.info.name, createdAt: version.info.createdAt },
    };
    res.json(body);
  });

  // Attendance of the consultation and analysis workshops (names only).
  router.get('/boards/:id/attendance', async (req, res) => {
    const auth = await authorize(req, res, ['facilitator']);
    if (!auth) return;
    res.json(await attendance.list(auth.boardId));
  });

  return router;
}

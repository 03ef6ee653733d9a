import { ROLE_PERMISSIONS, boardIdSchema, type Role, type RolePermissions } from '@werkraum/model';
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Access } from '../access.js';
import { KeyedRateLimiter } from '../rate-limit.js';

/**
 * Helpers shared by the HTTP modules (`http.ts` and the route modules it mounts): JSON errors,
 * the board + bearer-token check, and per-IP rate limits.
 */

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal'
  | 'unavailable';

export interface ApiIssue {
  path: string;
  message: string;
}

/** Body of every error response. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; issues?: ApiIssue[] };
}

export const statusOf: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export function sendError(
  res: Response,
  code: ApiErrorCode,
  message: string,
  issues?: ApiIssue[],
): void {
  const body: ApiErrorBody = { error: { code, message, ...(issues ? { issues } : {}) } };
  if (code === 'unauthorized') res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(statusOf[code]).json(body);
}

export function toIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,100})$/;

/** A permission of `ROLE_PERMISSIONS` (but `edit`), or an explicit list of roles. */
export type RouteRequirement = Exclude<keyof RolePermissions, 'edit'> | readonly Role[];

export type Authorize = (
  req: Request,
  res: Response,
  required?: RouteRequirement,
) => Promise<{ boardId: string; role: Role } | null>;

/**
 * Checks the board id (`req.params.id`) and the bearer token; answers 400/401/403 itself and
 * resolves null, or resolves the board id and role.
 */
export function createAuthorize(access: Access): Authorize {
  return async (req, res, required) => {
    const id = boardIdSchema.safeParse(req.params.id);
    if (!id.success) {
      sendError(res, 'bad_request', 'Malformed board id', toIssues(id.error));
      return null;
    }
    const token = BEARER.exec(req.get('authorization') ?? '')?.[1];
    const role = token === undefined ? undefined : await access.authenticate(id.data, token);
    if (role === undefined) {
      sendError(res, 'unauthorized', 'Missing, invalid or revoked link');
      return null;
    }
    const allowed =
      required === undefined
        ? true
        : typeof required === 'string'
          ? ROLE_PERMISSIONS[role][required]
          : required.includes(role);
    if (!allowed) {
      sendError(res, 'forbidden', 'This link does not allow that');
      return null;
    }
    return { boardId: id.data, role };
  };
}

/**
 * Express middleware: one token bucket per client IP (`req.ip`), `perMinute` sustained, burst
 * the same; over the limit → 429 `rate_limited` with `Retry-After`.
 */
export function ipRateLimit(perMinute: number): RequestHandler {
  const limiter = new KeyedRateLimiter({ ratePerSecond: perMinute / 60, burst: perMinute });
  return (req, res, next) => {
    // `req.ip` is undefined only for a socket that is already gone; those share one bucket.
    const verdict = limiter.take(req.ip ?? '');
    if (verdict.ok) {
      next();
      return;
    }
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    res.setHeader('Retry-After', String(seconds));
    sendError(res, 'rate_limited', `Too many requests; retry in ${seconds} s`);
  };
}

import { ROLE_PERMISSIONS, ROLES, type Role, type RolePermissions } from '@werkraum/model';

/** Board info as `GET /api/boards/:id` returns it for the caller's link. */
export interface BoardInfo {
  id: string;
  municipality: string;
  title: string;
  languages: string[];
  createdAt: number;
  updatedAt: number;
  role: Role;
  permissions: RolePermissions;
  /** When the board is deleted if nobody works on it any more (epoch ms), if the server says. */
  deleteAfter: number | null;
}

export interface RoleLink {
  token: string;
  /** As the server built it (`/b/<id>#<token>`, maybe absolute). */
  url: string;
}

/** What `POST /api/boards` and `POST /api/boards/import` answer: the new board and its links. */
export interface CreatedBoard {
  id: string;
  role: Role;
  links: Partial<Record<Role, RoleLink>>;
  municipality: string;
  title: string;
}

export interface ApiIssue {
  path: (string | number)[];
  message: string;
}

/** An error the server answered with (`{ error: { code, message, issues? } }`), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the request never got an answer (server down, no network). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

type Fetch = typeof fetch;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Issue paths come as zod arrays (`['municipality']`) or as dotted strings (`'municipality'`). */
function readPath(path: unknown): (string | number)[] {
  if (typeof path === 'string') return path === '' ? [] : path.split('.');
  if (!Array.isArray(path)) return [];
  return path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
}

function readIssues(value: unknown): ApiIssue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((issue) => ({
    path: readPath(issue.path),
    message: typeof issue.message === 'string' ? issue.message : '',
  }));
}

async function send(fetcher: Fetch, path: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetcher(path, {
      ...init,
      headers: { accept: 'application/json', ...init?.headers },
    });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }
}

/** Throws the ApiError an unsuccessful response stands for. */
async function fail(response: Response): Promise<never> {
  const body: unknown = await response.json().catch(() => null);
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  throw new ApiError(
    response.status,
    typeof error.code === 'string' ? error.code : `http_${response.status}`,
    typeof error.message === 'string' ? error.message : response.statusText,
    readIssues(error.issues),
  );
}

/** A JSON request; throws `ApiError` for an unsuccessful answer (shared by the other API modules). */
export async function request(fetcher: Fetch, path: string, init?: RequestInit): Promise<unknown> {
  const response = await send(fetcher, path, init);
  if (!response.ok) return fail(response);
  if (response.status === 204) return null;
  return response.json().catch((cause: unknown) => {
    throw new ApiError(response.status, 'bad_response', String(cause));
  });
}

function expectString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') {
    throw new ApiError(200, 'bad_response', `The server's answer lacks "${key}".`);
  }
  return value;
}

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

function readRoleLink(value: unknown): RoleLink | null {
  if (!isRecord(value) || typeof value.token !== 'string' || !value.token) return null;
  return { token: value.token, url: typeof value.url === 'string' ? value.url : '' };
}

function readCreated(body: unknown): CreatedBoard {
  if (!isRecord(body)) throw new ApiError(200, 'bad_response', 'The server sent no board.');
  const links: Partial<Record<Role, RoleLink>> = {};
  if (isRecord(body.links)) {
    for (const role of ROLES) {
      const link = readRoleLink(body.links[role]);
      if (link) links[role] = link;
    }
  }
  const role = isRole(body.role) ? body.role : 'facilitator';
  if (!links[role]) throw new ApiError(200, 'bad_response', 'The server sent no link.');
  const meta = isRecord(body.meta) ? body.meta : {};
  return {
    id: expectString(body, 'id'),
    role,
    links,
    municipality: typeof meta.municipality === 'string' ? meta.municipality : '',
    title: typeof meta.title === 'string' ? meta.title : '',
  };
}

function readPermissions(value: unknown, role: Role): RolePermissions {
  const fallback = ROLE_PERMISSIONS[role];
  if (!isRecord(value)) return fallback;
  const edit = value.edit;
  return {
    edit: edit === 'all' || edit === 'participation' || edit === 'none' ? edit : fallback.edit,
    runSession: typeof value.runSession === 'boolean' ? value.runSession : fallback.runSession,
    manageBoard: typeof value.manageBoard === 'boolean' ? value.manageBoard : fallback.manageBoard,
    exportBoard: typeof value.exportBoard === 'boolean' ? value.exportBoard : fallback.exportBoard,
  };
}

function readTime(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

export interface RequestOptions {
  /** The link token of this device (`Authorization: Bearer …`). */
  token?: string | null;
  fetch?: Fetch;
}

/** The `Authorization` header of a link token. */
export const auth = (token: string | null | undefined): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

export const boardPath = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

/** `POST /api/boards`: creates a board; answers with the links of every role. */
export async function createBoard(
  input: { municipality: string; title: string },
  fetcher: Fetch = fetch,
): Promise<CreatedBoard> {
  const body = await request(fetcher, '/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return readCreated(body);
}

/** `POST /api/boards/import`: a new board from an export file (the parsed JSON). */
export async function importBoard(file: unknown, fetcher: Fetch = fetch): Promise<CreatedBoard> {
  const body = await request(fetcher, '/api/boards/import', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(file),
  });
  return readCreated(body);
}

/**
 * `GET /api/boards/:id`: the board's metadata and what this link may do. ApiError 404 when the
 * board does not exist, 401 when the link is missing or no longer valid.
 */
export async function getBoard(id: string, options: RequestOptions = {}): Promise<BoardInfo> {
  const body = await request(options.fetch ?? fetch, boardPath(id), {
    headers: auth(options.token),
  });
  if (!isRecord(body)) throw new ApiError(200, 'bad_response', 'The server sent no board.');
  const role = isRole(body.role) ? body.role : 'viewer';
  return {
    id: expectString(body, 'id'),
    municipality: expectString(body, 'municipality'),
    title: expectString(body, 'title'),
    languages: Array.isArray(body.languages)
      ? body.languages.filter((l): l is string => typeof l === 'string')
      : ['de'],
    createdAt: typeof body.createdAt === 'number' ? body.createdAt : 0,
    updatedAt: typeof body.updatedAt === 'number' ? body.updatedAt : 0,
    role,
    permissions: readPermissions(body.permissions, role),
    deleteAfter: readTime(body.deleteAfter),
  };
}

/** `POST /api/boards/:id/links/:role/rotate` (facilitator): a new link; the old one dies. */
export async function rotateLink(
  id: string,
  role: Role,
  options: RequestOptions = {},
): Promise<RoleLink> {
  const body = await request(
    options.fetch ?? fetch,
    `${boardPath(id)}/links/${encodeURIComponent(role)}/rotate`,
    { method: 'POST', headers: auth(options.token) },
  );
  const link = readRoleLink(body);
  if (!link) throw new ApiError(200, 'bad_response', 'The server sent no link.');
  return link;
}

/** `DELETE /api/boards/:id` (facilitator): deletes the board and everything in it. */
export async function deleteBoard(id: string, options: RequestOptions = {}): Promise<void> {
  await request(options.fetch ?? fetch, boardPath(id), {
    method: 'DELETE',
    headers: auth(options.token),
  });
}

/** `GET /api/boards/:id/export` (facilitator, steering group): the board as a JSON file. */
export async function exportBoardFile(
  id: string,
  options: RequestOptions = {},
): Promise<{ blob: Blob; filename: string }> {
  const response = await send(options.fetch ?? fetch, `${boardPath(id)}/export`, {
    headers: auth(options.token),
  });
  if (!response.ok) await fail(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  return {
    blob: await response.blob(),
    filename: named && /^[\w.-]+$/.test(named) ? named : `werkraum-${id}.json`,
  };
}

/** Board info as `GET /api/boards/:id` returns it. */
export interface BoardInfo {
  id: string;
  municipality: string;
  title: string;
  languages: string[];
  createdAt: number;
  updatedAt: number;
}

export interface CreatedBoard {
  id: string;
  url: string;
  websocketUrl: string;
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

async function request(fetcher: Fetch, path: string, init?: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetcher(path, {
      ...init,
      headers: { accept: 'application/json', ...init?.headers },
    });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }
  const body: unknown = await response.json().catch((cause: unknown) => {
    if (response.ok) throw new ApiError(response.status, 'bad_response', String(cause));
    return null;
  });
  if (!response.ok) {
    const error = isRecord(body) && isRecord(body.error) ? body.error : {};
    throw new ApiError(
      response.status,
      typeof error.code === 'string' ? error.code : `http_${response.status}`,
      typeof error.message === 'string' ? error.message : response.statusText,
      readIssues(error.issues),
    );
  }
  return body;
}

function expectString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') {
    throw new ApiError(200, 'bad_response', `The server's answer lacks "${key}".`);
  }
  return value;
}

/** `POST /api/boards`: creates a board and returns where it lives. */
export async function createBoard(
  input: { municipality: string; title: string },
  fetcher: Fetch = fetch,
): Promise<CreatedBoard> {
  const body = await request(fetcher, '/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (!isRecord(body)) throw new ApiError(200, 'bad_response', 'The server sent no board.');
  return {
    id: expectString(body, 'id'),
    url: expectString(body, 'url'),
    websocketUrl: typeof body.websocketUrl === 'string' ? body.websocketUrl : '/yjs',
  };
}

/** `GET /api/boards/:id`: the board's metadata; ApiError with status 404 when it does not exist. */
export async function getBoard(id: string, fetcher: Fetch = fetch): Promise<BoardInfo> {
  const body = await request(fetcher, `/api/boards/${encodeURIComponent(id)}`);
  if (!isRecord(body)) throw new ApiError(200, 'bad_response', 'The server sent no board.');
  return {
    id: expectString(body, 'id'),
    municipality: expectString(body, 'municipality'),
    title: expectString(body, 'title'),
    languages: Array.isArray(body.languages)
      ? body.languages.filter((l): l is string => typeof l === 'string')
      : ['de'],
    createdAt: typeof body.createdAt === 'number' ? body.createdAt : 0,
    updatedAt: typeof body.updatedAt === 'number' ? body.updatedAt : 0,
  };
}

import {
  plainBoardSchema,
  versionInfoSchema,
  type PlainBoard,
  type VersionInfo,
  type VersionKind,
  type Zielerklaerung,
} from '@werkraum/model';
import { ApiError, auth, boardPath, request, type RequestOptions } from './boards-api.js';

/*
 * The client of the process endpoints (named versions, the public results page, attendance of
 * the workshops). Every answer is checked before the views use it: a malformed answer is an
 * `ApiError` with code `bad_response`, never a half-filled object.
 */

/** The kinds a person records by hand (`session` versions are made by the server). */
export type RecordableKind = Exclude<VersionKind, 'session'>;

/** The published results page of a board (`GET/PUT /api/boards/:id/publication`). */
export interface Publication {
  boardId: string;
  publicId: string;
  versionId: string;
  title: string;
  text: string;
  publishedAt: number;
}

/** What the public results page shows (`GET /api/public/:publicId`, no login). */
export interface PublicPage {
  municipality: string;
  title: string;
  text: string;
  publishedAt: number;
  zielerklaerung: Zielerklaerung;
  version: { name: string; createdAt: number };
}

/** Who was present (by name) while a workshop step was open. */
export interface AttendanceStep {
  step: number;
  names: string[];
}

type Fetch = typeof fetch;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function bad(what: string): never {
  throw new ApiError(200, 'bad_response', `The server's answer lacks ${what}.`);
}

function readVersion(value: unknown): VersionInfo {
  const parsed = versionInfoSchema.safeParse(value);
  if (!parsed.success) bad('a valid version');
  return parsed.data;
}

function readBoard(value: unknown): PlainBoard {
  const parsed = plainBoardSchema.safeParse(value);
  if (!parsed.success) bad('a valid board');
  return parsed.data;
}

function readTime(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  return bad('a time');
}

const str = (body: Record<string, unknown>, key: string): string => {
  const value = body[key];
  return typeof value === 'string' ? value : bad(`"${key}"`);
};

function readPublication(value: unknown): Publication {
  if (!isRecord(value)) bad('the publication');
  return {
    boardId: str(value, 'boardId'),
    publicId: str(value, 'publicId'),
    versionId: str(value, 'versionId'),
    title: str(value, 'title'),
    text: str(value, 'text'),
    publishedAt: readTime(value.publishedAt),
  };
}

/** A Zielerklärung as sent: fields, each with its goal buckets (checked in shape). */
function readZielerklaerung(value: unknown): Zielerklaerung {
  const fields = isRecord(value) && Array.isArray(value.fields) ? value.fields : null;
  const valid = fields?.every(
    (entry) =>
      isRecord(entry) &&
      isRecord(entry.field) &&
      Array.isArray(entry.goals) &&
      entry.goals.every(
        (bucket) =>
          isRecord(bucket) && Array.isArray(bucket.measures) && Array.isArray(bucket.milestones),
      ),
  );
  if (!valid) bad('the goal declaration');
  return value as unknown as Zielerklaerung;
}

const fetcherOf = (options: RequestOptions): Fetch => options.fetch ?? fetch;
const json = (body: unknown): RequestInit => ({
  body: JSON.stringify(body),
});

/** `GET /api/boards/:id/versions`: the named and automatic versions, newest first. */
export async function listVersions(
  boardId: string,
  options: RequestOptions = {},
): Promise<VersionInfo[]> {
  const body = await request(fetcherOf(options), `${boardPath(boardId)}/versions`, {
    headers: auth(options.token),
  });
  if (!isRecord(body) || !Array.isArray(body.versions)) bad('"versions"');
  return body.versions.map(readVersion);
}

/** `POST /api/boards/:id/versions` (facilitator, steering group): freezes the live board. */
export async function recordVersion(
  boardId: string,
  input: { kind: RecordableKind; name: string; reportId?: string | null; createdBy?: string },
  options: RequestOptions = {},
): Promise<VersionInfo> {
  const payload: Record<string, unknown> = { kind: input.kind, name: input.name };
  if (input.reportId) payload.reportId = input.reportId;
  if (input.createdBy?.trim()) payload.createdBy = input.createdBy.trim();
  const body = await request(fetcherOf(options), `${boardPath(boardId)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth(options.token) },
    ...json(payload),
  });
  if (!isRecord(body)) bad('"version"');
  return readVersion(body.version);
}

/** `GET /api/boards/:id/versions/:versionId`: one version with the board as it was then. */
export async function getVersion(
  boardId: string,
  versionId: string,
  options: RequestOptions = {},
): Promise<{ version: VersionInfo; board: PlainBoard }> {
  const body = await request(
    fetcherOf(options),
    `${boardPath(boardId)}/versions/${encodeURIComponent(versionId)}`,
    { headers: auth(options.token) },
  );
  if (!isRecord(body)) bad('"version"');
  return { version: readVersion(body.version), board: readBoard(body.board) };
}

/** `POST …/versions/:versionId/restore`: one item (with what hangs on it) or the whole board. */
export async function restoreVersion(
  boardId: string,
  versionId: string,
  itemId: string | null = null,
  options: RequestOptions = {},
): Promise<string[]> {
  const body = await request(
    fetcherOf(options),
    `${boardPath(boardId)}/versions/${encodeURIComponent(versionId)}/restore`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth(options.token) },
      ...json(itemId ? { itemId } : {}),
    },
  );
  if (!isRecord(body) || !Array.isArray(body.restored)) bad('"restored"');
  return body.restored.filter((id): id is string => typeof id === 'string');
}

/** `GET /api/boards/:id/publication` (facilitator): the current publication, or null. */
export async function getPublication(
  boardId: string,
  options: RequestOptions = {},
): Promise<Publication | null> {
  const body = await request(fetcherOf(options), `${boardPath(boardId)}/publication`, {
    headers: auth(options.token),
  });
  if (!isRecord(body)) bad('"publication"');
  return body.publication == null ? null : readPublication(body.publication);
}

/** `PUT /api/boards/:id/publication` (facilitator): publishes (or replaces) the results page. */
export async function publish(
  boardId: string,
  input: { versionId: string; title: string; text: string },
  options: RequestOptions = {},
): Promise<{ publication: Publication; url: string }> {
  const body = await request(fetcherOf(options), `${boardPath(boardId)}/publication`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...auth(options.token) },
    ...json(input),
  });
  if (!isRecord(body)) bad('"publication"');
  const publication = readPublication(body.publication);
  const url = typeof body.url === 'string' ? body.url : publicPath(publication.publicId);
  return { publication, url };
}

/** `DELETE /api/boards/:id/publication` (facilitator): the public page disappears. */
export async function unpublish(boardId: string, options: RequestOptions = {}): Promise<void> {
  await request(fetcherOf(options), `${boardPath(boardId)}/publication`, {
    method: 'DELETE',
    headers: auth(options.token),
  });
}

/** The path of a public results page. */
export function publicPath(publicId: string): string {
  return `/p/${encodeURIComponent(publicId)}`;
}

/** `GET /api/public/:publicId` (no login): what the public results page shows. */
export async function getPublicPage(
  publicId: string,
  options: Pick<RequestOptions, 'fetch'> = {},
): Promise<PublicPage> {
  const body = await request(fetcherOf(options), `/api/public/${encodeURIComponent(publicId)}`);
  if (!isRecord(body)) bad('the page');
  const version = isRecord(body.version) ? body.version : bad('"version"');
  return {
    municipality: str(body, 'municipality'),
    title: str(body, 'title'),
    text: str(body, 'text'),
    publishedAt: readTime(body.publishedAt),
    zielerklaerung: readZielerklaerung(body.zielerklaerung),
    version: { name: str(version, 'name'), createdAt: readTime(version.createdAt) },
  };
}

/** `GET /api/boards/:id/attendance` (facilitator): names present in steps 3 and 5. */
export async function getAttendance(
  boardId: string,
  options: RequestOptions = {},
): Promise<AttendanceStep[]> {
  const body = await request(fetcherOf(options), `${boardPath(boardId)}/attendance`, {
    headers: auth(options.token),
  });
  if (!isRecord(body) || !Array.isArray(body.steps)) bad('"steps"');
  return body.steps.filter(isRecord).map((entry) => ({
    step: typeof entry.step === 'number' ? entry.step : bad('"step"'),
    names: Array.isArray(entry.names)
      ? entry.names.filter((n): n is string => typeof n === 'string')
      : [],
  }));
}

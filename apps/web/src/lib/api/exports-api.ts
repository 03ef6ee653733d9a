import { ApiError, auth, boardPath, request, type RequestOptions } from './boards-api.js';

/*
 * The client of the export and calendar endpoints: the decision paper (DOCX, PDF), the measures
 * as CSV, the board as Markdown (all made by the server) and the board's calendar feed.
 */

/** The server-made exports (the JSON export is `exportBoardFile` in boards-api). */
export const EXPORT_FORMATS = ['docx', 'pdf', 'csv', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The column separator of the measures CSV: `;` for a German Excel, `,` elsewhere. */
export type CsvSeparator = 'semicolon' | 'comma';

const FILES: Record<ExportFormat, string> = {
  docx: 'decision.docx',
  pdf: 'decision.pdf',
  csv: 'measures.csv',
  md: 'board.md',
};

/** Formats whose content comes from a Zielerklärung (a version); the others default to live. */
export const DECISION_FORMATS: readonly ExportFormat[] = ['docx', 'pdf'];

export interface ExportRequest {
  format: ExportFormat;
  /** A version id; none: the newest Zielerklärung (DOCX, PDF) or the live board (CSV, Markdown). */
  version?: string | null;
  /** Only for CSV. */
  separator?: CsvSeparator;
}

/** The path (with query) of an export. */
export function exportPath(boardId: string, input: ExportRequest): string {
  const params = new URLSearchParams();
  if (input.version) params.set('version', input.version);
  if (input.format === 'csv') params.set('separator', input.separator ?? 'semicolon');
  const query = params.toString();
  return `${boardPath(boardId)}/exports/${FILES[input.format]}${query ? `?${query}` : ''}`;
}

/** The file name from a Content-Disposition header, if it is a plain, safe one. */
export function filenameOf(disposition: string | null, fallback: string): string {
  const header = disposition ?? '';
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  let name: string | undefined;
  if (encoded) {
    try {
      name = decodeURIComponent(encoded.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*"?([^";]+)"?/i.exec(header)?.[1]?.trim();
  return name && /^[\p{L}\p{N}_. -]+$/u.test(name) && !name.startsWith('.') ? name : fallback;
}

async function readError(response: Response): Promise<never> {
  const body: unknown = await response.json().catch(() => null);
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error: unknown }).error
      : null;
  const record =
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  throw new ApiError(
    response.status,
    typeof record.code === 'string' ? record.code : `http_${response.status}`,
    typeof record.message === 'string' ? record.message : response.statusText,
  );
}

/**
 * Downloads an export as a Blob (`GET /api/boards/:id/exports/…`, facilitator and steering
 * group). ApiError 409 when there is no Zielerklärung yet, 503 when the server cannot print PDFs.
 */
export async function fetchExport(
  boardId: string,
  input: ExportRequest,
  options: RequestOptions = {},
): Promise<{ blob: Blob; filename: string }> {
  const fetcher = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetcher(exportPath(boardId, input), { headers: auth(options.token) });
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) await readError(response);
  const fallback = `werkraum-${boardId}.${input.format}`;
  return {
    blob: await response.blob(),
    filename: filenameOf(response.headers.get('content-disposition'), fallback),
  };
}

function readUrl(body: unknown): string {
  const url =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).url : undefined;
  if (typeof url !== 'string' || url === '') {
    throw new ApiError(200, 'bad_response', 'The server\'s answer lacks "url".');
  }
  return url;
}

/** An absolute URL for a calendar address the server may send as a path. */
export function absoluteUrl(url: string, origin: string): string {
  try {
    return new URL(url, origin).href;
  } catch {
    return url;
  }
}

/**
 * `GET /api/boards/:id/calendar` (facilitator, steering group). The server keeps only a hash of
 * the secret: the address comes back once, on the call that creates the feed; later calls
 * answer `url: null` (a feed exists; only a new address can be shown again).
 */
export async function getCalendarUrl(
  boardId: string,
  options: RequestOptions = {},
): Promise<{ url: string | null; created: boolean }> {
  const body = await request(options.fetch ?? fetch, `${boardPath(boardId)}/calendar`, {
    headers: auth(options.token),
  });
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (record.url === null || record.url === undefined) {
    return { url: null, created: record.created === true };
  }
  return { url: readUrl(body), created: record.created === true };
}

/** `POST /api/boards/:id/calendar/rotate` (facilitator): a new address; the old one stops. */
export async function rotateCalendarUrl(
  boardId: string,
  options: RequestOptions = {},
): Promise<string> {
  const body = await request(options.fetch ?? fetch, `${boardPath(boardId)}/calendar/rotate`, {
    method: 'POST',
    headers: auth(options.token),
  });
  return readUrl(body);
}

/** Saves a Blob as a file in the browser (an anchor with `download`). */
export function saveBlob(doc: Document, blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const anchor = doc.createElement('a');
  anchor.href = href;
  anchor.download = filename;
  anchor.hidden = true;
  doc.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Largest CSV file the import reads (a spreadsheet of measures is a few kilobytes). */
export const CSV_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The text of a CSV file. Excel saves „CSV UTF-8“ with a byte order mark, but plain „CSV“ in
 * the Windows code page: bytes that are not valid UTF-8 are read as Windows-1252, so that
 * umlauts survive either way.
 */
export function decodeCsvBytes(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(view);
  } catch {
    return new TextDecoder('windows-1252').decode(view);
  }
}

import type { IncomingMessage } from 'node:http';

export interface OriginCheckOptions {
  /** Extra allowed origins (`https://host[:port]`). */
  allowedOrigins: readonly string[];
  /** The public base URL; its origin is allowed. */
  publicUrl?: string | undefined;
}

/**
 * Which pages may open the live channels (WebSocket upgrades of ws and socket.io). Browsers
 * always send `Origin` on WebSocket handshakes, so this stops other sites from opening
 * connections in a visitor's browser (cross-site WebSocket hijacking). Allowed: no `Origin`
 * header (a non-browser client, e.g. the Node provider), the request's own host (same
 * origin), `publicUrl`'s origin and `allowedOrigins`.
 */
export function createOriginCheck(
  options: OriginCheckOptions,
): (request: IncomingMessage) => boolean {
  const allowed = new Set(options.allowedOrigins.map((origin) => new URL(origin).origin));
  if (options.publicUrl) allowed.add(new URL(options.publicUrl).origin);
  return (request) => {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      // 'null' (sandboxed frames, file:) or garbage: not a page we serve.
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (allowed.has(url.origin)) return true;
    const host = request.headers.host?.toLowerCase();
    return host !== undefined && url.host === host;
  };
}

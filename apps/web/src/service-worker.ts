/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

/**
 * A minimal service worker so that a board opens again without a network (weak wifi in the
 * community centre): it keeps the app's own files and the shell of the pages, nothing else.
 * Pages are always fetched from the network first; the cache answers only when that fails.
 * The board's data comes from this device's IndexedDB copy (`$lib/board/local-copy.ts`), and
 * API, y-websocket and socket.io requests never go through this cache.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `werkraum-${version}`;
/** The app files of this build and the static files: safe to answer from the cache. */
const ASSETS = new Set([...build, ...files]);
/**
 * The board pages render in the browser only (`ssr = false`), so their HTML is the same shell
 * for every board: kept once, under this key, for every `/b/<id>` and `/b/<id>/beamer`.
 */
const BOARD_SHELL = '/__werkraum/board-shell';
const BOARD_PAGE = /^\/b\/[A-Za-z0-9_-]{22}(\/beamer)?\/?$/;
/** Never cached: live channels and the API (their answers depend on the link and the moment). */
const NEVER = /^\/(api|yjs|socket\.io)(\/|$)/;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...ASSETS]);
      // A board page's shell (any well-formed id gives the same HTML).
      const shell = await fetch('/b/AAAAAAAAAAAAAAAAAAAAAA', { credentials: 'same-origin' });
      if (shell.ok) await cache.put(BOARD_SHELL, shell);
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== CACHE && key.startsWith('werkraum-')) await caches.delete(key);
      }
      await sw.clients.claim();
    })(),
  );
});

async function fromNetworkFirst(request: Request, key: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic' && !response.redirected)
      await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (!cached) throw error;
    // Marked, so that one can tell (and the offline browser test checks) where it came from.
    const headers = new Headers(cached.headers);
    headers.set('x-werkraum-cache', 'offline');
    return new Response(cached.body, {
      status: cached.status,
      statusText: cached.statusText,
      headers,
    });
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin || NEVER.test(url.pathname)) return;

  if (ASSETS.has(url.pathname)) {
    event.respondWith(
      (async () => {
        const cached = await caches.match(url.pathname);
        return cached ?? fetch(request);
      })(),
    );
    return;
  }

  if (request.mode === 'navigate') {
    const key = BOARD_PAGE.test(url.pathname) ? BOARD_SHELL : url.pathname;
    event.respondWith(fromNetworkFirst(request, key));
  }
});

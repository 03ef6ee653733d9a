/// <reference types="vitest/config" />
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In `vite dev`, the API, the y-websocket endpoint and socket.io are served by apps/server.
const serverTarget = process.env.WERKRAUM_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [
    // Compiles messages/<locale>.json into typed message functions (src/lib/paraglide). The server
    // renders German; the browser's language is set by LocaleState (`baseLocale` strategy only).
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      strategy: ['baseLocale'],
    }),
    sveltekit(),
  ],
  server: {
    proxy: {
      '/api': serverTarget,
      '/yjs': { target: serverTarget, ws: true },
      '/socket.io': { target: serverTarget, ws: true },
    },
  },
  test: {
    include: ['src/**/*.spec.ts'],
  },
});

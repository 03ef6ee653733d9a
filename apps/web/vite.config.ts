/// <reference types="vitest/config" />
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In `vite dev`, the API, the y-websocket endpoint and socket.io are served by apps/server.
const serverTarget = process.env.WERKRAUM_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [sveltekit()],
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

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['integration/**/*.spec.ts', 'faults/**/*.spec.ts', 'browser/**/*.spec.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser and crash tests start servers and Chromium; two cores are enough for one at a time.
    fileParallelism: false,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['tests/setup/offline.ts'],
    globalSetup: ['tests/setup/built.ts'],
    testTimeout: 20_000,
  },
});

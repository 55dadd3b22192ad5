import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The extensions import their domain package by name (a `file:` dependency HubSpot's build
    // installs); here it resolves to the sources, as tsconfig.json's `paths` does for tsc.
    alias: [
      {
        find: /^@deal-attribution\/domain$/,
        replacement: fileURLToPath(new URL('./extensions/domain/index.ts', import.meta.url)),
      },
      {
        find: /^@deal-attribution\/domain\/(.*)$/,
        replacement: fileURLToPath(new URL('./extensions/domain/$1.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});

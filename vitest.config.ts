import { defineConfig } from 'vitest/config';

// One `pnpm test` runs every package's tests; each package is a project.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: 'shared', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'collector',
          root: 'collector',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ['test/support/build.ts'],
        },
      },
      'extension/vitest.config.ts',
      {
        test: {
          name: 'e2e',
          root: 'tests',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['../collector/test/support/build.ts'],
        },
      },
    ],
  },
});

import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import vue from '@vitejs/plugin-vue';

// root: the root vitest config runs from the workspace root, WXT must still find src/entrypoints.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineProject({
  plugins: [vue(), WxtVitest({ root })],
  test: {
    name: 'extension',
    root,
    environment: 'happy-dom',
    setupFiles: ['test/english-in-tests.ts'],
    // package.test.ts reads what `pnpm package` built.
    include: ['src/**/*.test.ts', '*.test.ts'],
  },
});

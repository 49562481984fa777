import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { manifestFor } from './manifest';

export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-vue', '@wxt-dev/i18n/module'],
  // Firefox gets Manifest V3 too: one manifest shape, one background model (an event page there).
  manifestVersion: 3,
  vite: () => ({
    // Components use the Composition API only: dropping the Options API keeps the content script small.
    define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    build: {
      rollupOptions: {
        // Shared modules declare zod schemas at top level; the content script uses only their constants.
        treeshake: { manualPureFunctions: ['z'] },
      },
    },
  }),
  manifest: manifestFor,
  zip: {
    artifactTemplate: 'beacon-{{version}}-{{browser}}{{modeSuffix}}.zip',
    sourcesTemplate: 'beacon-{{version}}-sources{{modeSuffix}}.zip',
    // The sources AMO reviewers rebuild from: the workspace, since the extension imports ../shared.
    sourcesRoot: fileURLToPath(new URL('..', import.meta.url)),
    includeSources: ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json', 'patches/**', 'shared/**', 'extension/**'],
    excludeSources: ['**/node_modules/**', '**/.output/**', '**/.wxt/**', '**/*.test.ts', '**/fixtures/**'],
  },
});

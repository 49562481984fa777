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
  hooks: {
    // File names without content hashes (an extension needs no cache busting): chunk hashes depend on where the
    // build runs, and AMO rebuilds the sources zip elsewhere and compares the files.
    'vite:build:extendConfig': (_entrypoints, config) => {
      const output = config.build?.rollupOptions?.output;
      if (!output || Array.isArray(output)) return;
      const unhashed = (name: unknown) => (typeof name === 'string' ? name.replace('-[hash]', '') : name);
      Object.assign(output, {
        chunkFileNames: unhashed(output.chunkFileNames),
        assetFileNames: unhashed(output.assetFileNames),
        ...(typeof output.entryFileNames === 'function'
          ? {
              entryFileNames: (
                (fn) => (info: never) =>
                  unhashed(fn(info))
              )(output.entryFileNames),
            }
          : {}),
      });
    },
  },
  zip: {
    artifactTemplate: 'beacon-{{version}}-{{browser}}{{modeSuffix}}.zip',
    sourcesTemplate: 'beacon-{{version}}-sources{{modeSuffix}}.zip',
    // The sources AMO reviewers rebuild from: the workspace, since the extension imports ../shared.
    sourcesRoot: fileURLToPath(new URL('..', import.meta.url)),
    // Every workspace package.json, so the lockfile installs as it is; only shared/ and extension/ sources.
    includeSources: ['*.json', 'pnpm-*.yaml', 'patches/**', '*/package.json', 'shared/**', 'extension/**'],
    excludeSources: ['**/node_modules/**', '**/.output/**', '**/.wxt/**', '**/*.test.ts', '**/fixtures/**'],
  },
});

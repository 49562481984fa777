import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-vue'],
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
  hooks: {
    // Runtime-registered ESP scripts load their shadow-root CSS on whatever site the user enabled.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const resource of manifest.web_accessible_resources ?? []) {
        if (typeof resource === 'object' && resource.resources.includes('content-scripts/esp.css')) resource.matches = ['https://*/*', 'http://*/*'];
      }
    },
  },
  manifest: {
    name: 'Beacon',
    description: 'Open and click tracking for the email you write in Gmail, Outlook and your ESP.',
    // scripting: ESP sites get their content scripts registered at runtime, once the user enables them.
    permissions: ['storage', 'declarativeNetRequest', 'notifications', 'scripting', 'alarms'],
    // localhost: the collector's default address (`pnpm start`), reachable without a prompt.
    host_permissions: [
      'https://mail.google.com/*',
      'https://outlook.office.com/*',
      'https://outlook.office365.com/*',
      'https://outlook.live.com/*',
      'http://localhost/*',
      'http://127.0.0.1/*',
    ],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    browser_specific_settings: { gecko: { id: 'beacon@beacon.example' } },
  },
});

import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-vue'],
  manifest: {
    name: 'Beacon',
    description: 'Open and click tracking for the email you write in Gmail, Outlook and your ESP.',
    // scripting: ESP sites get their content scripts registered at runtime, once the user enables them.
    permissions: ['storage', 'declarativeNetRequest', 'notifications', 'scripting'],
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

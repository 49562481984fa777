import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: 'src',
  modules: ['@wxt-dev/module-vue'],
  manifest: {
    name: 'Beacon',
    description: 'Open and click tracking for the email you write in Gmail, Outlook and your ESP.',
    permissions: ['storage', 'declarativeNetRequest', 'notifications'],
    host_permissions: ['https://mail.google.com/*', 'https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
});

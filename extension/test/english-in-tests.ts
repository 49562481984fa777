import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';

/**
 * Component tests run in English: browser.i18n answers from locales/en.yml the way the browser does from the
 * built `_locales/en/messages.json` (`$1`…`$9` substituted; '' for an unknown key, which @wxt-dev/i18n reports).
 */
const messages = generateChromeMessages(await parseMessagesFile(`${import.meta.dirname}/../src/locales/en.yml`));

fakeBrowser.i18n.getUILanguage = () => 'en';
fakeBrowser.i18n.getMessage = (name: string, substitutions?: string | (string | number)[]) => {
  const subs = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return messages[name]?.message.replace(/\$(\d)/g, (_, n: string) => String(subs[Number(n) - 1] ?? '')) ?? '';
};

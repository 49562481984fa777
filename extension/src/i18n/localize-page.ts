import { browser } from 'wxt/browser';

/** An extension page in the browser's UI language: its `lang` (screen readers, hyphenation) and its title. */
export function localizePage(title: string): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = title;
}

import { escapeHtml } from '@beacon/shared/escape-html';
import type { PageLocale } from '../locale.ts';
import { de } from './de.ts';
import { en, type PageTexts } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';

export type PageTextKey = keyof PageTexts;
export const PAGE_TEXTS: Record<PageLocale, PageTexts> = { en, es, de, fr };

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (slot, name: string) => values[name] ?? slot);

/** A text as plain text (a page's title), each {name} filled with its value as given. */
export function pageText(locale: PageLocale, key: PageTextKey, values: Record<string, string> = {}): string {
  return fill(PAGE_TEXTS[locale][key], values);
}

/** A text as HTML: the words escaped, each {name} filled with its value, which is HTML already. */
export function pageHtml(locale: PageLocale, key: PageTextKey, valuesHtml: Record<string, string> = {}): string {
  return fill(escapeHtml(PAGE_TEXTS[locale][key]), valuesHtml);
}

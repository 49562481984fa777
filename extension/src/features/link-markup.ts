import { i18n } from '#i18n';
import { escapeHtml } from '@beacon/shared/escape-html';
import { BEACON_PLACEHOLDERS } from '@beacon/shared/links/placeholders';
import { EXPRESSION_TAGS } from '@beacon/shared/links/expressions';

export type InsertKind = 'external' | 'unsubscribe' | 'mirror';

/** Personalization expressions offered by the picker, in the order shown. */
export const PICKER_EXPRESSIONS: readonly string[] = EXPRESSION_TAGS;

/** Why a URL typed in the dialog is refused, or null when it is a usable http(s) link (expressions allowed). */
export function urlProblem(url: string): string | null {
  const trimmed = url.trim();
  if (!trimmed) return i18n.t('insertLink.emptyUrl');
  // Expressions are filled per recipient at send; test the rest of the address with a stand-in value.
  const testable = trimmed.replace(/\{\{[^}]*\}\}/g, 'x');
  let parsed: URL;
  try {
    parsed = new URL(testable);
  } catch {
    return i18n.t('insertLink.notFullUrl');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return i18n.t('insertLink.notHttp');
  if (!parsed.hostname.includes('.') && parsed.hostname !== 'localhost') return i18n.t('insertLink.noDomain');
  return null;
}

export function textProblem(text: string): string | null {
  return text.trim() ? null : i18n.t('insertLink.emptyText');
}

export function defaultText(kind: InsertKind): string {
  return kind === 'unsubscribe' ? i18n.t('insertLink.unsubscribeText') : kind === 'mirror' ? i18n.t('insertLink.mirrorText') : '';
}

/** The markup inserted at the caret for each kind of link. */
export function linkMarkup(kind: InsertKind, url: string, text: string): string {
  const href = kind === 'unsubscribe' ? BEACON_PLACEHOLDERS.unsubscribe : kind === 'mirror' ? BEACON_PLACEHOLDERS.mirror : url.trim();
  return `<a href="${escapeHtml(href)}">${escapeHtml(text.trim())}</a>`;
}

/** Inserts `insert` into `value` at [start, end) and says where the caret goes next. */
export function spliceText(value: string, start: number, end: number, insert: string): { value: string; caret: number } {
  return { value: value.slice(0, start) + insert + value.slice(end), caret: start + insert.length };
}

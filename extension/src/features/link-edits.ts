import { DOUBLE, SINGLE, escapeWith } from '@beacon/shared/escape-html';
import type { ScannedLink } from '@beacon/shared/links/index';
import type { Editor } from '../hosts/types';
import { dispatchInput } from '../hosts/editors/dispatch-input';

/** The link engine's scan (run in the background by the content script, directly in tests). */
export type ScanLinks = (html: string) => Promise<ScannedLink[]>;

export interface LinkEdit {
  url: string;
  text?: string;
  underline?: boolean;
}

/** Anchors of a rendered body whose href is `url` (as the browser reads it). */
export function anchorsFor(body: HTMLElement, url: string): HTMLAnchorElement[] {
  return [...body.querySelectorAll<HTMLAnchorElement>('a[href]')].filter((a) => (a.getAttribute('href') ?? '').trim() === url);
}

/** What the pencil shows for a link: the first occurrence's text and underline. */
export async function describeLink(editor: Editor, url: string, scan: ScanLinks): Promise<{ text: string; underline: boolean; editableText: boolean }> {
  if (editor.isSource) {
    const link = (await scan(editor.getHtml())).find((l) => l.url === url);
    return { text: link?.label ?? '', underline: true, editableText: false };
  }
  const [first] = anchorsFor(editor.element, url);
  const view = editor.element.ownerDocument.defaultView;
  const decoration = first && view ? view.getComputedStyle(first).textDecorationLine || first.style.textDecoration : '';
  return {
    text: first?.textContent ?? '',
    underline: !first || (first.style.textDecoration !== 'none' && !/^none/.test(decoration ?? '')),
    editableText: !!first && first.children.length === 0,
  };
}

/** Changes every occurrence of `from`: its address, and in rendered bodies its text and underline. */
export async function editLink(editor: Editor, from: string, edit: LinkEdit, scan: ScanLinks): Promise<void> {
  if (editor.isSource) {
    const html = editor.getHtml();
    const occurrences = (await scan(html)).filter((link) => link.url === from).reverse();
    let next = html;
    for (const link of occurrences) {
      const quote = link.quote || '"';
      const value = escapeWith(edit.url, quote === "'" ? SINGLE : DOUBLE);
      next = link.quote
        ? next.slice(0, link.valueStart) + value + next.slice(link.valueEnd)
        : `${next.slice(0, link.valueStart)}"${value}"${next.slice(link.valueEnd)}`;
    }
    // Only if nobody typed meanwhile: offsets from an older text would cut the wrong places.
    if (next !== html && editor.getHtml() === html) editor.setHtml(next);
    return;
  }
  for (const anchor of anchorsFor(editor.element, from)) {
    anchor.setAttribute('href', edit.url);
    if (edit.text?.trim() && anchor.children.length === 0) anchor.textContent = edit.text;
    if (edit.underline !== undefined) anchor.style.textDecoration = edit.underline ? 'underline' : 'none';
  }
  dispatchInput(editor.element);
}

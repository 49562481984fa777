import type { Editor } from '../types';
import { contentEditableEditor } from './contenteditable';

/** The editable body of a same-origin iframe (TinyMCE / CKEditor 4 style, about:blank or srcdoc). */
export function editableIframeBody(iframe: HTMLIFrameElement): HTMLElement | null {
  let doc: Document | null = null;
  try {
    doc = iframe.contentDocument;
  } catch {
    return null; // cross-origin: not an editor we can reach
  }
  const body = doc?.body;
  if (!doc || !body) return null;
  return body.isContentEditable || body.getAttribute('contenteditable') === 'true' || doc.designMode === 'on' ? body : null;
}

export function iframeEditor(iframe: HTMLIFrameElement): Editor | null {
  const body = editableIframeBody(iframe);
  return body ? contentEditableEditor(body, 'iframe', { paste: true }) : null;
}

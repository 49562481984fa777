/**
 * The generic path into an editor Beacon has no bridge for: the events editors listen to when the user pastes.
 * Returns true when an editor took the HTML (it cancelled the event to insert it itself).
 */
export function pasteHtml(element: HTMLElement, html: string): boolean {
  const view = element.ownerDocument.defaultView;
  if (!view?.DataTransfer || !view.ClipboardEvent) return false;
  const data = new view.DataTransfer();
  data.setData('text/html', html);
  data.setData('text/plain', textOf(element.ownerDocument, html));
  const beforeInput = new view.InputEvent('beforeinput', { bubbles: true, cancelable: true, composed: true, inputType: 'insertFromPaste', dataTransfer: data });
  if (!element.dispatchEvent(beforeInput)) return true;
  const paste = new view.ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: data });
  return !element.dispatchEvent(paste);
}

/** Selects the whole content, and tells editors that follow the selection through `selectionchange`. */
export function selectAll(element: HTMLElement): void {
  const doc = element.ownerDocument;
  element.focus();
  const range = doc.createRange();
  range.selectNodeContents(element);
  const selection = doc.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  doc.dispatchEvent(new Event('selectionchange'));
}

function textOf(doc: Document, html: string): string {
  const template = doc.createElement('template');
  template.innerHTML = html;
  return template.content.textContent ?? '';
}

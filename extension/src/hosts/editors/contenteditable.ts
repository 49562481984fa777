import type { Caret, Editor } from '../types';
import { dispatchInput } from './dispatch-input';
import { pasteHtml, selectAll } from './paste';

/** A rich editor that is a contenteditable element (Gmail, Outlook, an editor Beacon has no bridge for, an iframe's body). */
export function contentEditableEditor(
  element: HTMLElement,
  kind: 'contenteditable' | 'iframe' = 'contenteditable',
  /** Goes through paste events first (editors Beacon does not know); webmail bodies are written directly. */
  { paste = false }: { paste?: boolean } = {},
): Editor {
  const doc = element.ownerDocument;
  let lastCaret: Range | null = null;

  function caretInside(): Range | null {
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    return element.contains(range.startContainer) && element.contains(range.endContainer) ? range.cloneRange() : null;
  }

  function endOfBody(): Range {
    const range = doc.createRange();
    range.selectNodeContents(element);
    range.collapse(false);
    return range;
  }

  function select(range: Range) {
    element.focus();
    const selection = doc.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }

  return {
    kind,
    element,
    isSource: false,
    getHtml: () => element.innerHTML,
    setHtml(html) {
      // An editor with a model of its own takes a paste over everything; a plain contenteditable is its DOM.
      if (paste && element.innerHTML && element.isContentEditable) {
        selectAll(element);
        if (pasteHtml(element, html)) return;
      }
      element.innerHTML = html;
      dispatchInput(element);
    },
    saveCaret(): Caret {
      const range = caretInside() ?? (lastCaret && element.contains(lastCaret.startContainer) ? lastCaret : endOfBody());
      return { kind: 'range', range: range.cloneRange() };
    },
    insertHtml(caret, html) {
      const range = caret.kind === 'range' && element.contains(caret.range.startContainer) ? caret.range : endOfBody();
      select(range);
      if (paste && pasteHtml(element, html)) return;
      // execCommand keeps the browser's undo stack; the fallback covers engines without it.
      const done = typeof doc.execCommand === 'function' && doc.execCommand('insertHTML', false, html);
      if (!done) {
        range.deleteContents();
        const fragment = range.createContextualFragment(html);
        const last = fragment.lastChild;
        range.insertNode(fragment);
        if (last) {
          range.setStartAfter(last);
          range.collapse(true);
        }
        dispatchInput(element, 'insertFromPaste');
      }
    },
    observe(onChange, signal) {
      const observer = new MutationObserver(() => onChange());
      observer.observe(element, { childList: true, subtree: true, characterData: true, attributes: true });
      // Remember the caret as the user moves it: a dialog taking focus must not lose it.
      doc.addEventListener('selectionchange', () => (lastCaret = caretInside() ?? lastCaret), { signal });
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
    },
  };
}

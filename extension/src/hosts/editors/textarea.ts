import type { Editor } from '../types';
import { dispatchChange, dispatchInput } from './dispatch-input';

/** An HTML source editor that is a plain textarea. */
export function textareaEditor(textarea: HTMLTextAreaElement): Editor {
  const doc = textarea.ownerDocument;

  function setValue(value: string) {
    // The prototype's setter, so framework-controlled inputs notice the change on the input event.
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(textarea) as object, 'value')?.set;
    if (setter) setter.call(textarea, value);
    else textarea.value = value;
  }

  return {
    kind: 'textarea',
    element: textarea,
    isSource: true,
    getHtml: () => textarea.value,
    setHtml(html) {
      setValue(html);
      dispatchInput(textarea);
      dispatchChange(textarea);
    },
    saveCaret: () => ({ kind: 'offsets', start: textarea.selectionStart, end: textarea.selectionEnd }),
    insertHtml(caret, html) {
      const start = caret.kind === 'offsets' ? caret.start : textarea.value.length;
      const end = caret.kind === 'offsets' ? caret.end : start;
      textarea.focus();
      textarea.setSelectionRange(start, end);
      // insertText goes through the browser's editing path, so Ctrl+Z undoes it.
      const done = typeof doc.execCommand === 'function' && doc.execCommand('insertText', false, html);
      if (!done || textarea.value.slice(start, start + html.length) !== html) {
        setValue(textarea.value.slice(0, start) + html + textarea.value.slice(end));
        textarea.setSelectionRange(start + html.length, start + html.length);
        dispatchInput(textarea, 'insertText');
      }
      dispatchChange(textarea);
    },
    observe(onChange, signal) {
      textarea.addEventListener('input', onChange, { signal });
      textarea.addEventListener('change', onChange, { signal });
    },
  };
}

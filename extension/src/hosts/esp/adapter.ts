import type { Recipient } from '@beacon/shared/api/messages';
import type { Composer, Editor, HostAdapter, SendTrigger } from '../types';
import { contentEditableEditor } from '../editors/contenteditable';
import { iframeEditor } from '../editors/iframe';
import { textareaEditor } from '../editors/textarea';
import { codeMirrorEditor } from '../editors/codemirror';
import { emailsIn, uniqueRecipients } from '../dom';
import { espSelectors as s } from './selectors';

function isHidden(element: HTMLElement): boolean {
  if (element.hidden || element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  return style?.display === 'none' || style?.visibility === 'hidden';
}

function isSourceTextarea(textarea: HTMLTextAreaElement): boolean {
  if (isHidden(textarea)) return false;
  const hints = `${textarea.name} ${textarea.id} ${textarea.className}`;
  return s.sourceHint.test(hints) || /<[a-z!]/i.test(textarea.value);
}

/** Every editor of the page with the element the toolbar goes before. */
function findEditors(doc: Document): { editor: Editor; visible: HTMLElement }[] {
  const found: { editor: Editor; visible: HTMLElement }[] = [];
  for (const root of doc.querySelectorAll<HTMLElement>(s.codeMirror)) found.push({ editor: codeMirrorEditor(root), visible: root });
  for (const frame of doc.querySelectorAll<HTMLIFrameElement>(s.iframe)) {
    const editor = iframeEditor(frame);
    if (editor) found.push({ editor, visible: frame });
  }
  for (const textarea of doc.querySelectorAll<HTMLTextAreaElement>(s.sourceTextarea)) {
    if (isSourceTextarea(textarea)) found.push({ editor: textareaEditor(textarea), visible: textarea });
  }
  for (const element of doc.querySelectorAll<HTMLElement>(s.richEditable)) {
    const nested = element.parentElement?.closest('[contenteditable="true"], .cm-editor');
    if (!nested) found.push({ editor: contentEditableEditor(element), visible: element });
  }
  return found;
}

function recipients(scope: ParentNode): Recipient[] {
  const list: Recipient[] = [];
  for (const input of scope.querySelectorAll<HTMLInputElement>(s.recipients)) {
    for (const email of emailsIn(input.value)) list.push({ email });
  }
  return uniqueRecipients(list);
}

/** The button that submitted each form last, to submit again the same way. */
const lastSubmitter = new WeakMap<HTMLFormElement, HTMLElement>();

function composerFor(editor: Editor, visible: HTMLElement): Composer {
  const form = visible.closest('form');
  return {
    root: visible,
    editor,
    getRecipients: () => recipients(form ?? visible.ownerDocument),
    getSubject: () => (form ?? visible.ownerDocument).querySelector<HTMLInputElement>(s.subject)?.value ?? '',
    sendTrigger(event): SendTrigger | null {
      // Only the form's own submit sends: an ESP gives Ctrl+Enter no meaning, so Beacon must not either.
      if (event.type !== 'submit' || !form || event.target !== form) return null;
      const submitter = (event as SubmitEvent).submitter;
      if (submitter) lastSubmitter.set(form, submitter);
      return 'submit';
    },
    triggerSend() {
      if (form) form.requestSubmit(lastSubmitter.get(form) ?? null);
    },
    toolbarAnchor: () => ({ anchor: visible, append: 'before' }),
  };
}


export const espAdapter: HostAdapter = {
  name: 'esp',
  source: 'esp',
  findComposers(doc) {
    return findEditors(doc).map(({ editor, visible }) => composerFor(editor, visible));
  },
};

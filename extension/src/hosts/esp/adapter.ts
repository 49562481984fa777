import type { Recipient } from '@beacon/shared/api/messages';
import type { Composer, Editor, HostAdapter, SendTrigger } from '../types';
import { contentEditableEditor } from '../editors/contenteditable';
import { iframeEditor } from '../editors/iframe';
import { textareaEditor } from '../editors/textarea';
import { codeMirrorFallback } from '../editors/codemirror';
import { bridgedEditor } from '../editors/bridged';
import { findFamilies, type FamilyMatch } from '../editors/families';
import { emailsIn, eventTarget, isActivationKey, isPointerActivation, simulateClick, uniqueRecipients } from '../dom';
import { espSelectors as s } from './selectors';

/** Hidden by itself or by an ancestor (a source-mode textarea in a closed box, an editor's offscreen clipboard). */
export function isHidden(element: HTMLElement): boolean {
  const view = element.ownerDocument.defaultView;
  for (let node: HTMLElement | null = element; node; node = node.parentElement) {
    if (node.hidden || node.getAttribute('aria-hidden') === 'true') return true;
    const style = view?.getComputedStyle(node);
    if (style?.display === 'none' || style?.visibility === 'hidden') return true;
  }
  const box = element.getBoundingClientRect();
  // Parked far off screen (Quill 1's clipboard, editors' measuring boxes): not where anybody types.
  return box.right < -1000 || box.bottom < -1000 || (view !== null && box.left > view.innerWidth + 1000);
}

function isSourceTextarea(textarea: HTMLTextAreaElement): boolean {
  if (isHidden(textarea)) return false;
  const hints = `${textarea.name} ${textarea.id} ${textarea.className}`;
  return s.sourceHint.test(hints) || /<[a-z!]/i.test(textarea.value);
}

function familyEditor(match: FamilyMatch): Editor | null {
  if (!match.element) return null; // still loading: found again once its editing box is there
  const element = match.element;
  const fallback =
    match.family === 'codemirror'
      ? codeMirrorFallback(match.root)
      : contentEditableEditor(element, element.ownerDocument === match.root.ownerDocument ? 'contenteditable' : 'iframe', { paste: true });
  return bridgedEditor({ ...match, element }, fallback);
}

/** Every editor of the page with the element the toolbar goes before: known families first, then generic ones. */
function findEditors(doc: Document): { editor: Editor; visible: HTMLElement }[] {
  const found: { editor: Editor; visible: HTMLElement }[] = [];
  const families = findFamilies(doc).filter((match) => !isHidden(match.root));
  const inFamily = (element: Element) => families.some((match) => match.root.contains(element));
  for (const match of families) {
    const editor = familyEditor(match);
    if (editor) found.push({ editor, visible: match.root });
  }
  for (const frame of doc.querySelectorAll<HTMLIFrameElement>(s.iframe)) {
    if (inFamily(frame) || isHidden(frame)) continue;
    const editor = iframeEditor(frame);
    if (editor) found.push({ editor, visible: frame });
  }
  for (const textarea of doc.querySelectorAll<HTMLTextAreaElement>(s.sourceTextarea)) {
    if (!inFamily(textarea) && isSourceTextarea(textarea)) found.push({ editor: textareaEditor(textarea), visible: textarea });
  }
  for (const element of doc.querySelectorAll<HTMLElement>(s.richEditable)) {
    if (inFamily(element) || isHidden(element)) continue;
    const nested = element.parentElement?.closest('[contenteditable="true"]');
    if (!nested) found.push({ editor: contentEditableEditor(element, 'contenteditable', { paste: true }), visible: element });
  }
  return found;
}

/** Boxes that are the page's own structure, never only the editor's frame. */
const STRUCTURE = new Set(['body', 'form', 'main', 'section', 'article', 'fieldset', 'dialog', 'td', 'li', 'label']);

/**
 * The editor's outermost own box: wrappers that hold nothing but the editor, often sized for it alone (a fixed
 * height), are climbed out of, so the toolbar goes before them and never pushes the editor out of its frame
 * over the page's own controls.
 */
export function outerBox(element: HTMLElement): HTMLElement {
  let box = element;
  for (let parent = box.parentElement; parent && parent.childElementCount === 1 && !STRUCTURE.has(parent.localName); parent = box.parentElement) box = parent;
  return box;
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

/** The page's own Send (or Schedule) button an event is on, for editors outside any form (single-page ESPs). */
function sendButtonOf(event: Event): HTMLElement | null {
  const button = eventTarget(event)?.closest<HTMLElement>(s.button);
  const label = button ? (button instanceof HTMLInputElement ? button.value : (button.textContent ?? '')) || button.getAttribute('aria-label') || '' : '';
  return button && s.sendLabel.test(label) && !s.notSend.test(label) ? button : null;
}

function composerFor(editor: Editor, visible: HTMLElement): Composer {
  const form = visible.closest('form');
  let lastButton: HTMLElement | null = null;
  return {
    root: visible,
    editor,
    getRecipients: () => recipients(form ?? visible.ownerDocument),
    getSubject: () => (form ?? visible.ownerDocument).querySelector<HTMLInputElement>(s.subject)?.value ?? '',
    sendTrigger(event): SendTrigger | null {
      // An ESP gives Ctrl+Enter no meaning, so Beacon must not either: its form's submit sends, or, with no form,
      // its Send button.
      if (!form) {
        const button = sendButtonOf(event);
        if (!button) return null;
        lastButton = button;
        return isPointerActivation(event) ? 'click' : isActivationKey(event) ? 'key' : null;
      }
      if (event.type !== 'submit' || event.target !== form) return null;
      const submitter = (event as SubmitEvent).submitter;
      if (submitter) lastSubmitter.set(form, submitter);
      return 'submit';
    },
    triggerSend() {
      if (form) form.requestSubmit(lastSubmitter.get(form) ?? null);
      else if (lastButton?.isConnected) simulateClick(lastButton);
    },
    toolbarAnchor: () => ({ anchor: outerBox(visible), append: 'before' }),
  };
}

export const espAdapter: HostAdapter = {
  name: 'esp',
  source: 'esp',
  findComposers(doc) {
    return findEditors(doc).map(({ editor, visible }) => composerFor(editor, visible));
  },
};

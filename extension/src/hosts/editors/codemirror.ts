import type { Editor } from '../types';

/**
 * CodeMirror 6 keeps the document in its own state and renders only what is visible, so it is read and
 * changed through its EditorView, which lives in the page's main world: `esp-bridge` answers there.
 */
export const CM_REQUEST = 'beacon:cm-request';
export const CM_RESPONSE = 'beacon:cm-response';

export type CmRequest =
  | { op: 'get' }
  | { op: 'set'; text: string }
  | { op: 'insert'; text: string }
  | { op: 'select'; from: number; to: number };

/** Sends one request to the bridge; dispatchEvent is synchronous, so the answer is there when it returns. */
export function askCodeMirror(editorRoot: HTMLElement, request: CmRequest): string | null {
  let answer: string | null = null;
  const listen = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail === 'string') answer = detail;
  };
  editorRoot.addEventListener(CM_RESPONSE, listen);
  editorRoot.dispatchEvent(new CustomEvent(CM_REQUEST, { bubbles: true, detail: JSON.stringify(request) }));
  editorRoot.removeEventListener(CM_RESPONSE, listen);
  return answer;
}

export function codeMirrorEditor(editorRoot: HTMLElement): Editor {
  const content = editorRoot.querySelector<HTMLElement>('.cm-content') ?? editorRoot;
  function ask(request: CmRequest): string {
    const answer = askCodeMirror(editorRoot, request);
    if (answer === null) throw new Error('The CodeMirror editor did not answer.');
    return answer;
  }
  return {
    kind: 'codemirror',
    element: content,
    isSource: true,
    getHtml: () => ask({ op: 'get' }),
    setHtml: (html) => void ask({ op: 'set', text: html }),
    saveCaret: () => ({ kind: 'editor' }),
    insertHtml: (_caret, html) => void ask({ op: 'insert', text: html }),
    observe(onChange, signal) {
      const observer = new MutationObserver(() => onChange());
      observer.observe(content, { childList: true, subtree: true, characterData: true });
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
    },
  };
}

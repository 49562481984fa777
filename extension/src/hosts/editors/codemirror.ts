import type { Editor } from '../types';

/**
 * Without its bridge a CodeMirror 6 view cannot be changed (it re-renders from its own state and renders only
 * what is visible): reads see the visible lines, writes are refused, so nothing is ever half-applied.
 */
export function codeMirrorFallback(editorRoot: HTMLElement): Editor {
  const content = editorRoot.querySelector<HTMLElement>('.cm-content') ?? editorRoot;
  const refuse = () => {
    throw new Error('The CodeMirror editor did not answer.');
  };
  return {
    kind: 'codemirror',
    element: content,
    isSource: true,
    getHtml: refuse,
    setHtml: refuse,
    saveCaret: () => ({ kind: 'editor' }),
    insertHtml: refuse,
    observe(onChange, signal) {
      const observer = new MutationObserver(() => onChange());
      observer.observe(content, { childList: true, subtree: true, characterData: true });
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
    },
  };
}

import type { Caret, Editor } from '../types';
import { askBridge, flushBridge, type BridgeRequest } from './bridge';
import type { FamilyMatch } from './families';

/**
 * An editor of a known family, read and written through its bridge (the editor's own API in the main world).
 * While no bridge answers (not injected yet, or the instance is not reachable from the page), `fallback`
 * does the work through the editor's input events.
 */
export function bridgedEditor(match: FamilyMatch & { element: HTMLElement }, fallback: Editor): Editor {
  const { family, root } = match;
  const ask = (request: BridgeRequest) => {
    const answer = askBridge(family, root, request);
    if (answer && !answer.ok) throw new Error(`The ${family} editor refused the change: ${answer.error}`);
    return answer;
  };
  const source = family === 'codemirror' || family === 'monaco';
  let element = match.element;
  /** The element now: an editor may have replaced it (CKEditor 4 writes a new iframe document on setData). */
  const current = () => {
    if (!element.isConnected) element = match.findElement() ?? element;
    return element;
  };
  return {
    kind: 'bridged',
    family,
    get element() {
      return current();
    },
    isSource: source,
    getHtml: () => ask({ op: 'get' })?.html ?? fallback.getHtml(),
    setHtml(html) {
      if (!ask({ op: 'set', html })) fallback.setHtml(html);
    },
    // The editor keeps its own selection while Beacon's dialog has the focus; the fallback needs the DOM's.
    saveCaret: (): Caret => fallback.saveCaret(),
    insertHtml(caret, html) {
      if (!ask({ op: 'insert', html })) fallback.insertHtml(caret, html);
    },
    observe(onChange, signal) {
      fallback.observe(onChange, signal);
      // An iframe editor's body can be replaced: watch the box around it too, which stays.
      const observer = new MutationObserver(() => onChange());
      observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
      root.ownerDocument.addEventListener('load', () => current() !== match.element && onChange(), { capture: true, signal });
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
    },
    selectSource: (from, to) => void ask({ op: 'select', from, to }),
    flush: () => flushBridge(family, root),
    rewriteLinks(hrefs, pixel) {
      const answer = ask({ op: 'rewrite', hrefs, pixel });
      return !!answer && !answer.unsupported;
    },
  };
}

/** Whether a bridge holds this editor (the page's instance was reached). */
export function isBridged(match: FamilyMatch): boolean {
  return askBridge(match.family, match.root, { op: 'probe' })?.ok === true;
}

import { installBridge, type EditorBridge } from './install';

/** The slice of CodeMirror 6's EditorView the bridge uses. */
interface ViewLike {
  state: {
    doc: { length: number; toString(): string };
    replaceSelection(text: string): unknown;
  };
  dispatch(spec: unknown): void;
  focus(): void;
}

/** CodeMirror keeps its view on the content element: `cmTile` (6.4x) or `cmView` (earlier 6.x). */
function findView(from: Element): ViewLike | null {
  const content = (from.closest('.cm-editor') ?? from.querySelector('.cm-editor'))?.querySelector('.cm-content') ?? null;
  const tile = (content as { cmTile?: unknown; cmView?: unknown } | null)?.cmTile ?? (content as { cmView?: unknown } | null)?.cmView;
  const t = tile as { root?: { view?: ViewLike }; rootView?: { view?: ViewLike }; view?: ViewLike } | undefined;
  return t?.root?.view ?? t?.rootView?.view ?? t?.view ?? null;
}

export const codeMirrorBridge: EditorBridge<ViewLike> = {
  find: findView,
  get: (view) => view.state.doc.toString(),
  set: (view, html) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: html } }),
  insert(view, html) {
    view.dispatch(view.state.replaceSelection(html));
    view.focus();
  },
  select(view, from, to) {
    view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
    view.focus();
  },
};

/** Runs in the page's main world: answers the content script's requests with the page's own EditorView. */
export function installCodeMirrorBridge(doc: Document): void {
  installBridge('codemirror', codeMirrorBridge, doc);
}

import { CM_REQUEST, CM_RESPONSE, type CmRequest } from '../hosts/editors/codemirror';

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
  const content = from.closest('.cm-editor')?.querySelector('.cm-content') ?? null;
  const tile = (content as { cmTile?: unknown; cmView?: unknown } | null)?.cmTile ?? (content as { cmView?: unknown } | null)?.cmView;
  const t = tile as { root?: { view?: ViewLike }; rootView?: { view?: ViewLike }; view?: ViewLike } | undefined;
  return t?.root?.view ?? t?.rootView?.view ?? t?.view ?? null;
}

function answer(view: ViewLike, request: CmRequest): string {
  switch (request.op) {
    case 'get':
      return view.state.doc.toString();
    case 'set':
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: request.text } });
      return 'ok';
    case 'insert':
      view.dispatch(view.state.replaceSelection(request.text));
      view.focus();
      return 'ok';
    case 'select':
      view.dispatch({ selection: { anchor: request.from, head: request.to }, scrollIntoView: true });
      view.focus();
      return 'ok';
  }
}

/** Runs in the page's main world: answers the content script's requests with the page's own EditorView. */
export function installCodeMirrorBridge(doc: Document): void {
  doc.addEventListener(
    CM_REQUEST,
    (event) => {
      const target = event.target;
      const detail = (event as CustomEvent<unknown>).detail;
      if (!(target instanceof Element) || typeof detail !== 'string') return;
      const view = findView(target);
      if (!view) return;
      const reply = answer(view, JSON.parse(detail) as CmRequest);
      target.dispatchEvent(new CustomEvent(CM_RESPONSE, { detail: reply }));
    },
    true,
  );
}

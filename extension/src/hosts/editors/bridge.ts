/**
 * The content script's side of the main-world editor bridges (src/bridges/). Rich editors keep their document in
 * a model that lives in the page's main world; a bridge answers there, synchronously: dispatchEvent runs the
 * listeners before it returns, so an answer is there when `askBridge` returns, and the model has changed.
 */
export const BRIDGE_REQUEST = 'beacon:editor-request';
export const BRIDGE_ANSWER = 'beacon:editor-answer';

/** Editor families with a bridge of their own (each built as `bridge-<family>.js`). */
export const FAMILIES = ['tinymce', 'ckeditor5', 'ckeditor4', 'quill', 'prosemirror', 'lexical', 'grapesjs', 'codemirror', 'monaco'] as const;
export type Family = (typeof FAMILIES)[number];

export type BridgeRequest =
  | { op: 'probe' }
  | { op: 'get' }
  | { op: 'set'; html: string }
  | { op: 'insert'; html: string }
  | { op: 'select'; from: number; to: number }
  | { op: 'flush'; id: string }
  | { op: 'rewrite'; hrefs: Record<string, string>; pixel: PixelChange };

/** The open pixel to add (its markup) and the one to take out (its src), for a link-by-link rewrite. */
export interface PixelChange {
  add?: { src: string; html: string };
  remove?: string;
}

/** `html`: the editor's own serialization after the request (read back, after its change event). */
export type BridgeAnswer =
  | { ok: true; html: string; version?: string; pending?: boolean; id?: string; unsupported?: boolean }
  | { ok: false; error: string; id?: string };

/** Asks the bridge of `family` about the editor that `root` belongs to; null when no bridge answered. */
export function askBridge(family: Family, root: Element, request: BridgeRequest): BridgeAnswer | null {
  let answer: BridgeAnswer | null = null;
  const listen = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail === 'string') answer = JSON.parse(detail) as BridgeAnswer;
  };
  root.addEventListener(BRIDGE_ANSWER, listen);
  try {
    // Details cross worlds only as strings.
    root.dispatchEvent(new CustomEvent(BRIDGE_REQUEST, { bubbles: true, composed: true, detail: JSON.stringify({ family, ...request }) }));
  } finally {
    root.removeEventListener(BRIDGE_ANSWER, listen);
  }
  return answer;
}

/** Lets the editor finish what it holds outside its model (GrapesJS's open text editing); resolves at once without a bridge. */
export function flushBridge(family: Family, root: Element, timeoutMs = 2000): Promise<void> {
  const id = crypto.randomUUID();
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      root.removeEventListener(BRIDGE_ANSWER, listen);
      resolve();
    };
    const listen = (event: Event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      if (typeof detail === 'string' && (JSON.parse(detail) as BridgeAnswer).id === id) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    root.addEventListener(BRIDGE_ANSWER, listen);
    const ack = askBridge(family, root, { op: 'flush', id });
    if (!ack?.ok || !ack.pending) finish();
  });
}

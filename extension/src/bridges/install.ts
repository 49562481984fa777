import { BRIDGE_ANSWER, BRIDGE_REQUEST, type BridgeAnswer, type BridgeRequest, type Family, type PixelChange } from '../hosts/editors/bridge';

/** What a bridge does with one editor family's own API, in the page's main world. */
export interface EditorBridge<I> {
  /** The editor instance the element belongs to, reached through the page's own objects; null when not reachable. */
  find(target: Element): I | null;
  /** The editor's own serialization (what the host's save or send handler reads). */
  get(editor: I): string;
  /** Replaces the whole content as one undoable change. */
  set(editor: I, html: string): void;
  /** Inserts at the editor's own selection as one undo step. */
  insert(editor: I, html: string): void;
  select?(editor: I, from: number, to: number): void;
  /**
   * Changes hrefs (old value -> new) and the open pixel in place, link by link: for editors where setting the
   * whole content costs far more (GrapesJS rebuilds every component).
   */
  rewrite?(editor: I, hrefs: Record<string, string>, pixel: PixelChange): void;
  /** Finishes what the editor still holds outside its model (GrapesJS's open text editing) before a read. */
  flush?(editor: I): Promise<void>;
  version?(editor: I): string;
}

const INSTALLED = Symbol.for('beacon.editor-bridges');

function answer<I>(bridge: EditorBridge<I>, editor: I, request: BridgeRequest): BridgeAnswer {
  switch (request.op) {
    case 'probe':
      return { ok: true, html: '', version: bridge.version?.(editor) ?? '' };
    case 'get':
      break;
    case 'set':
      bridge.set(editor, request.html);
      break;
    case 'insert':
      bridge.insert(editor, request.html);
      break;
    case 'select':
      bridge.select?.(editor, request.from, request.to);
      break;
    case 'flush':
      return { ok: true, html: '', pending: true };
    case 'rewrite':
      if (!bridge.rewrite) return { ok: true, html: '', unsupported: true };
      bridge.rewrite(editor, request.hrefs, request.pixel);
      break;
  }
  // The read-back: what the editor's own serialization says once it took the change.
  return { ok: true, html: bridge.get(editor) };
}

/** Answers the content script's requests for `family`; installing twice (a second injection) is a no-op. */
export function installBridge<I>(family: Family, bridge: EditorBridge<I>, doc: Document = document): void {
  const holder = doc as Document & { [INSTALLED]?: Set<string> };
  const installed = (holder[INSTALLED] ??= new Set());
  if (installed.has(family)) return;
  installed.add(family);
  doc.addEventListener(
    BRIDGE_REQUEST,
    (event) => {
      const target = event.target;
      const detail = (event as CustomEvent<unknown>).detail;
      if (!(target instanceof Element) || typeof detail !== 'string') return;
      const request = JSON.parse(detail) as BridgeRequest & { family: string };
      if (request.family !== family) return;
      let editor: I | null;
      try {
        editor = bridge.find(target);
      } catch {
        editor = null;
      }
      if (!editor) return; // not reachable: the content script falls back to the editor's input events
      let reply: BridgeAnswer;
      try {
        reply = answer(bridge, editor, request);
      } catch (error) {
        reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      target.dispatchEvent(new CustomEvent(BRIDGE_ANSWER, { detail: JSON.stringify(reply) }));
      if (request.op !== 'flush') return;
      // The acknowledgement above said a bridge holds this editor; the real answer follows once it is done.
      const done = (result: BridgeAnswer) => target.dispatchEvent(new CustomEvent(BRIDGE_ANSWER, { detail: JSON.stringify({ ...result, id: request.id }) }));
      Promise.resolve(bridge.flush?.(editor as I))
        .then(() => done({ ok: true, html: bridge.get(editor as I) }))
        .catch((error: unknown) => done({ ok: false, error: String(error) }));
    },
    true,
  );
}

/** A global the page's editor library set (`tinymce`, `CKEDITOR`, `Quill`, `grapesjs`, `monaco`). */
export function pageGlobal<T>(name: string, doc: Document = document): T | undefined {
  return (doc.defaultView as unknown as Record<string, T | undefined> | null)?.[name];
}

import { installBridge, pageGlobal, type EditorBridge } from './install';

/** The slice of a TinyMCE 5–8 editor the bridge uses (the same names in every one of those versions). */
interface TinyEditor {
  getContent(): string;
  setContent(html: string): void;
  insertContent(html: string): void;
  getContainer(): HTMLElement | null;
  getBody(): HTMLElement | null;
  getElement(): HTMLElement | null;
  focus(): void;
  save(): void;
  undoManager: { transact(fn: () => void): unknown };
}
interface TinyGlobal {
  get(): TinyEditor[];
  majorVersion: string;
  minorVersion: string;
}

export const tinymceBridge: EditorBridge<TinyEditor> = {
  find(target) {
    const editors = pageGlobal<TinyGlobal>('tinymce', target.ownerDocument)?.get() ?? [];
    return editors.find((e) => e.getContainer()?.contains(target) || target.contains(e.getContainer()) || e.getBody() === target) ?? null;
  },
  // getContent serializes from data-mce-href, which is why writing the iframe's DOM never reached the send.
  get: (editor) => editor.getContent(),
  set(editor, html) {
    editor.undoManager.transact(() => editor.setContent(html));
    editor.save(); // the original textarea, which a plain form post reads
  },
  insert(editor, html) {
    editor.focus();
    editor.insertContent(html);
    editor.save();
  },
  version(editor) {
    const global = pageGlobal<TinyGlobal>('tinymce', editor.getContainer()?.ownerDocument ?? document);
    return global ? `${global.majorVersion}.${global.minorVersion}` : '';
  },
};

export const installTinymceBridge = (doc: Document) => installBridge('tinymce', tinymceBridge, doc);

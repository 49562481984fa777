import { installBridge, pageGlobal, type EditorBridge } from './install';

/** The slice of a CKEditor 4 editor the bridge uses. */
interface Ck4Editor {
  getData(): string;
  setData(html: string, options: { callback(): void }): void;
  insertHtml(html: string): void;
  focus(): void;
  updateElement(): void;
  fire(name: string): void;
  container?: { $: HTMLElement };
  editable(): { $: HTMLElement } | null;
  undoManager?: { save(): void };
}
interface Ck4Global {
  instances: Record<string, Ck4Editor>;
  version: string;
}

/** setData re-renders the editing iframe asynchronously; a read right after it waits for its callback. */
const pending = new WeakMap<Ck4Editor, Promise<void>>();

export const ckeditor4Bridge: EditorBridge<Ck4Editor> = {
  find(target) {
    const global = pageGlobal<Ck4Global>('CKEDITOR', target.ownerDocument);
    for (const editor of Object.values(global?.instances ?? {})) {
      const container = editor.container?.$;
      const editable = editor.editable()?.$;
      if (container?.contains(target) || (container && target.contains(container)) || editable === target) return editor;
    }
    return null;
  },
  get: (editor) => editor.getData(),
  set(editor, html) {
    editor.undoManager?.save();
    pending.set(
      editor,
      new Promise((resolve) =>
        editor.setData(html, {
          callback: () => {
            editor.undoManager?.save();
            editor.updateElement();
            editor.fire('change');
            resolve();
          },
        }),
      ),
    );
  },
  flush: (editor) => pending.get(editor) ?? Promise.resolve(),
  insert(editor, html) {
    editor.focus();
    editor.insertHtml(html);
    editor.updateElement();
  },
  version: (editor) => (editor ? (pageGlobal<Ck4Global>('CKEDITOR', document)?.version ?? '4') : ''),
};

export const installCkeditor4Bridge = (doc: Document) => installBridge('ckeditor4', ckeditor4Bridge, doc);

import { installBridge, pageGlobal, type EditorBridge } from './install';

/** The slice of a CKEditor 5 editor the bridge uses. */
interface Ck5Editor {
  getData(): string;
  data: {
    set(html: string, options: { batchType: { isUndoable: boolean } }): void;
    toModel(view: unknown): unknown;
    processor: { toView(html: string): unknown };
  };
  model: { insertContent(content: unknown): unknown };
  editing: { view: { focus(): void } };
}

export const ckeditor5Bridge: EditorBridge<Ck5Editor> = {
  find(target) {
    // CKEditor 5 puts its instance on the editable element.
    const editable =
      target.closest('.ck-editor__editable') ??
      target.closest('.ck-editor')?.querySelector('.ck-editor__editable') ??
      target.querySelector('.ck-editor__editable');
    return (editable as (Element & { ckeditorInstance?: Ck5Editor }) | null)?.ckeditorInstance ?? null;
  },
  get: (editor) => editor.getData(),
  // setData alone is not undoable: an undoable batch keeps Ctrl+Z working after Apply.
  set: (editor, html) => editor.data.set(html, { batchType: { isUndoable: true } }),
  insert(editor, html) {
    editor.editing.view.focus();
    editor.model.insertContent(editor.data.toModel(editor.data.processor.toView(html)));
  },
  version: (editor) => pageGlobal<string>('CKEDITOR_VERSION', document) ?? (editor ? '5' : ''),
};

export const installCkeditor5Bridge = (doc: Document) => installBridge('ckeditor5', ckeditor5Bridge, doc);

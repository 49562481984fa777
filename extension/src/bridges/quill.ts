import { installBridge, pageGlobal, type EditorBridge } from './install';

/** The slice of a Quill 1 or 2 editor the bridge uses. */
interface QuillEditor {
  root: HTMLElement;
  getSemanticHTML?: () => string;
  getSelection(focus: boolean): { index: number; length: number } | null;
  getLength(): number;
  setContents(delta: unknown, source: 'user'): unknown;
  clipboard: { convert(input: unknown): unknown; dangerouslyPasteHTML(index: number, html: string, source: 'user'): void };
  history: { cutoff(): void };
}
interface QuillGlobal {
  find(node: Element): unknown;
  version?: string;
}

function isQuill(value: unknown): value is QuillEditor {
  return typeof value === 'object' && value !== null && 'clipboard' in value && 'root' in value;
}

export const quillBridge: EditorBridge<QuillEditor> = {
  find(target) {
    const container = target.closest('.ql-container') ?? target.querySelector('.ql-container');
    if (!container) return null;
    // Quill 2 keeps instances in a WeakMap behind Quill.find; Quill 1 also sets `__quill` on the container.
    const found = pageGlobal<QuillGlobal>('Quill', target.ownerDocument)?.find(container) ?? (container as Element & { __quill?: unknown }).__quill;
    return isQuill(found) ? found : null;
  },
  get: (quill) => (quill.getSemanticHTML ? quill.getSemanticHTML() : quill.root.innerHTML),
  set(quill, html) {
    // History merges changes less than a second apart: cut before and after, so Apply is one step of its own.
    quill.history.cutoff();
    quill.setContents(quill.clipboard.convert(quill.getSemanticHTML ? { html } : html), 'user');
    quill.history.cutoff();
  },
  insert(quill, html) {
    const at = quill.getSelection(true)?.index ?? quill.getLength() - 1;
    quill.history.cutoff();
    quill.clipboard.dangerouslyPasteHTML(at, html, 'user');
    quill.history.cutoff();
  },
  version: (quill) => (quill.getSemanticHTML ? '2' : '1'),
};

export const installQuillBridge = (doc: Document) => installBridge('quill', quillBridge, doc);

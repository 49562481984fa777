import { installBridge, type EditorBridge } from './install';

/** The slice of a Lexical editor the bridge uses; Lexical puts itself on its root element as `__lexicalEditor`. */
interface LexicalEditor {
  getRootElement(): HTMLElement | null;
  update(fn: () => void, options?: { discrete?: boolean; onUpdate?: () => void }): void;
  focus(): void;
  _pendingEditorState: { _nodeMap: Map<string, { select(anchor: number, focus: number): unknown; getChildrenSize(): number }> } | null;
}

function isLexical(value: unknown): value is LexicalEditor {
  return typeof value === 'object' && value !== null && 'getRootElement' in value && 'update' in value;
}

/**
 * Lexical's HTML import ($generateNodesFromDOM) and export live in the page's own bundle, out of reach; its paste
 * handling uses them, so content goes in as a paste (one history entry), and is read from the DOM Lexical renders
 * from its state (the hrefs its export writes).
 */
function paste(editor: LexicalEditor, html: string): void {
  const root = editor.getRootElement();
  if (!root) throw new Error('the Lexical editor has no root element');
  const data = new DataTransfer();
  data.setData('text/html', html);
  // Parsed in an inert document: nothing in the draft loads or runs to get its text.
  data.setData('text/plain', new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '');
  root.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }));
}

export const lexicalBridge: EditorBridge<LexicalEditor> = {
  find(target) {
    const root = target.closest('[data-lexical-editor="true"]') ?? target.querySelector('[data-lexical-editor="true"]');
    const editor = (root as (Element & { __lexicalEditor?: unknown }) | null)?.__lexicalEditor;
    return isLexical(editor) ? editor : null;
  },
  get: (editor) => editor.getRootElement()?.innerHTML ?? '',
  set(editor, html) {
    // Everything selected in Lexical's own state, then replaced by the paste.
    editor.update(
      () => {
        const root = editor._pendingEditorState?._nodeMap.get('root');
        root?.select(0, root.getChildrenSize());
      },
      { discrete: true },
    );
    paste(editor, html);
  },
  insert(editor, html) {
    editor.focus();
    paste(editor, html);
  },
  /** Lexical commits updates after the current task's microtasks: wait for that commit. */
  flush: (editor) => new Promise((resolve) => editor.update(() => {}, { onUpdate: () => resolve() })),
};

export const installLexicalBridge = (doc: Document) => installBridge('lexical', lexicalBridge, doc);

import { installBridge, pageGlobal, type EditorBridge } from './install';

interface MonacoModel {
  getFullModelRange(): unknown;
  getPositionAt(offset: number): { lineNumber: number; column: number };
}
/** The slice of a Monaco code editor the bridge uses. */
interface MonacoEditor {
  getContainerDomNode(): HTMLElement;
  getValue(): string;
  getModel(): MonacoModel | null;
  getSelection(): unknown;
  executeEdits(source: string, edits: { range: unknown; text: string; forceMoveMarkers?: boolean }[]): boolean;
  pushUndoStop(): boolean;
  setSelection(range: unknown): void;
  revealRangeInCenter(range: unknown): void;
  focus(): void;
}
interface MonacoGlobal {
  editor: { getEditors(): MonacoEditor[] };
}

/** One edit between two undo stops: one step of Monaco's own undo. */
function edit(editor: MonacoEditor, range: unknown, text: string): void {
  editor.pushUndoStop();
  editor.executeEdits('beacon', [{ range, text, forceMoveMarkers: true }]);
  editor.pushUndoStop();
}

export const monacoBridge: EditorBridge<MonacoEditor> = {
  find(target) {
    const editors = pageGlobal<MonacoGlobal>('monaco', target.ownerDocument)?.editor.getEditors() ?? [];
    return editors.find((e) => e.getContainerDomNode().contains(target) || target.contains(e.getContainerDomNode())) ?? null;
  },
  get: (editor) => editor.getValue(),
  set(editor, html) {
    const model = editor.getModel();
    if (model) edit(editor, model.getFullModelRange(), html);
  },
  insert(editor, html) {
    editor.focus();
    edit(editor, editor.getSelection(), html);
  },
  select(editor, from, to) {
    const model = editor.getModel();
    if (!model) return;
    const start = model.getPositionAt(from);
    const end = model.getPositionAt(to);
    const range = { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
    editor.setSelection(range);
    editor.revealRangeInCenter(range);
    editor.focus();
  },
};

export const installMonacoBridge = (doc: Document) => installBridge('monaco', monacoBridge, doc);

import { installBridge, type EditorBridge } from './install';

/** The slice of a Tiptap editor the bridge uses (Tiptap puts itself on ProseMirror's element as `editor`). */
interface TiptapEditor {
  getHTML(): string;
  commands: { setContent(html: string, options: { emitUpdate: boolean }): boolean };
  chain(): { focus(): { insertContent(html: string): { run(): boolean } } };
}

function isTiptap(value: unknown): value is TiptapEditor {
  return typeof value === 'object' && value !== null && 'getHTML' in value && 'commands' in value;
}

/**
 * ProseMirror itself leaves no path from its element to its view; Tiptap does. A bare ProseMirror editor is
 * reached through the paste path instead (it parses pasted HTML with its own schema, as one transaction).
 */
export const prosemirrorBridge: EditorBridge<TiptapEditor> = {
  find(target) {
    const dom = target.closest('.ProseMirror') ?? target.querySelector('.ProseMirror');
    const editor = (dom as (Element & { editor?: unknown }) | null)?.editor;
    return isTiptap(editor) ? editor : null;
  },
  get: (editor) => editor.getHTML(),
  // Tiptap 2 reads the second argument as `emitUpdate`, Tiptap 3 as options: an object means true for both.
  set: (editor, html) => void editor.commands.setContent(html, { emitUpdate: true }),
  insert: (editor, html) => void editor.chain().focus().insertContent(html).run(),
  version: () => 'tiptap',
};

export const installProsemirrorBridge = (doc: Document) => installBridge('prosemirror', prosemirrorBridge, doc);

import { describeEditor, useEditorContext } from './scenario';

const ctx = useEditorContext();
describeEditor(ctx, 'tiptap', 6);
// ProseMirror leaves no path from its element to its view: Beacon goes through its paste handling.
describeEditor(ctx, 'prosemirror', 14);

import { describeEditor, useEditorContext } from './scenario';

const ctx = useEditorContext();
describeEditor(ctx, 'contenteditable', 13);

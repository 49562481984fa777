import { describeEditor, useEditorContext } from './scenario';

const ctx = useEditorContext();
describeEditor(ctx, 'quill2', 4);
describeEditor(ctx, 'quill1', 5);

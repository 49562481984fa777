import { describeEditor, useEditorContext } from './scenario';

const ctx = useEditorContext();
describeEditor(ctx, 'tinymce8', 1);
describeEditor(ctx, 'tinymce5', 2);

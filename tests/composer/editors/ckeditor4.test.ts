import { describeEditor, useEditorContext } from './scenario';

const ctx = useEditorContext();
describeEditor(ctx, 'ckeditor4', 8);

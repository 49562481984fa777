import { describeEditor, useEditorContext } from './scenario';

const ctx = useEditorContext();
describeEditor(ctx, 'ckeditor5', 3);

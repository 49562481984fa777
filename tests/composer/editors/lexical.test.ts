import { describeEditor, useEditorContext } from './scenario';

const ctx = useEditorContext();
describeEditor(ctx, 'lexical', 9);

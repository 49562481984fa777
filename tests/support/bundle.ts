import { build } from 'esbuild';

/** The real CodeMirror 6, as one script defining `window.CM`, for the CodeMirror ESP fixture. */
export async function codeMirrorBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "export { EditorView } from '@codemirror/view'; export { EditorState } from '@codemirror/state';",
      resolveDir: import.meta.dirname,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'CM',
    minify: true,
    write: false,
  });
  return result.outputFiles[0]!.text;
}

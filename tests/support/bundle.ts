import { build } from 'esbuild';

/** Published packages bundled into one page script defining `window[globalName]` (for editors shipped only as ES modules). */
export async function bundle(contents: string, globalName: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName,
    minify: true,
    write: false,
  });
  return result.outputFiles[0]!.text;
}

/** The real CodeMirror 6, as one script defining `window.CM`. */
export const codeMirrorBundle = () => bundle("export { EditorView } from '@codemirror/view'; export { EditorState } from '@codemirror/state';", 'CM');

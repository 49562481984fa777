import { afterEach, describe, expect, it } from 'vitest';
import { espAdapter } from '../esp/adapter';
import { findFamilies } from './families';

afterEach(() => (document.body.innerHTML = ''));

describe('editor families', () => {
  it('finds one editor per library box, its own hidden parts never a second composer', () => {
    document.body.innerHTML = `<form>
      <div class="box"><div class="ql-toolbar"></div><div class="ql-container"><div class="ql-editor" contenteditable="true"><p>Quill</p></div>
        <div class="ql-clipboard" contenteditable="true" tabindex="-1"></div></div></div>
      <div class="ck ck-editor"><div class="ck-editor__editable" contenteditable="true"><p>CK</p></div>
        <div class="ck-source-editing-area" style="display:none"><textarea>&lt;p&gt;CK&lt;/p&gt;</textarea></div></div>
      <textarea id="mce" style="display:none">&lt;p&gt;hidden original&lt;/p&gt;</textarea>
    </form>`;
    const families = findFamilies(document);
    expect(families.map((f) => [f.family, f.element?.textContent])).toEqual([
      ['ckeditor5', 'CK'],
      ['quill', 'Quill'],
    ]);
    expect(families.find((f) => f.family === 'quill')?.root).toBe(document.querySelector('.box')); // with Quill's own toolbar
    expect(espAdapter.findComposers(document).map((c) => c.editor.family)).toEqual(['ckeditor5', 'quill']);
  });

  it('leaves an editor whose box is hidden by an ancestor out', () => {
    document.body.innerHTML = `<div style="display:none"><div class="ProseMirror" contenteditable="true"><p>x</p></div></div>
      <div hidden><textarea name="html">&lt;p&gt;source&lt;/p&gt;</textarea></div>`;
    expect(espAdapter.findComposers(document)).toEqual([]);
  });

  it('reads through the fallback while no bridge answers, so the Links panel is never empty meanwhile', () => {
    document.body.innerHTML = `<div class="ProseMirror" contenteditable="true"><p><a href="https://a.example/">a</a></p></div>`;
    const [composer] = espAdapter.findComposers(document);
    expect(composer?.editor.family).toBe('prosemirror');
    expect(composer?.editor.getHtml()).toBe('<p><a href="https://a.example/">a</a></p>');
  });
});

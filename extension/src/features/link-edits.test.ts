import { afterEach, describe, expect, it } from 'vitest';
import { scanLinks } from '@beacon/shared/links/index';
import textareaSource from '../hosts/esp/fixtures/textarea-source.html?raw';
import contentEditable from '../hosts/esp/fixtures/contenteditable.html?raw';
import { espAdapter } from '../hosts/esp/adapter';
import { describeLink, editLink } from './link-edits';
import { locateLink } from './locate-links';

const scan = async (html: string) => scanLinks(html).links;
afterEach(() => (document.body.innerHTML = ''));

function sourceEditor(html: string) {
  document.body.innerHTML = textareaSource;
  const textarea = document.querySelector('textarea')!;
  textarea.value = html;
  return { editor: espAdapter.findComposers(document)[0]!.editor, textarea };
}

describe('editing links in HTML source', () => {
  it('changes every occurrence of the address and nothing else, whatever the quoting', async () => {
    const html = `<p><a href="https://a.example/x?y=1&amp;z=2">one</a> <a href='https://a.example/x?y=1&z=2'>two</a> <a href=https://b.example/>b</a></p>`;
    const { editor } = sourceEditor(html);
    await editLink(editor, 'https://a.example/x?y=1&z=2', { url: 'https://a.example/new?q="quoted"&r=1' }, scan);
    expect(editor.getHtml()).toBe(
      `<p><a href="https://a.example/new?q=&quot;quoted&quot;&amp;r=1">one</a> <a href='https://a.example/new?q="quoted"&amp;r=1'>two</a> <a href=https://b.example/>b</a></p>`,
    );
    expect(scanLinks(editor.getHtml()).unique.map((u) => u.url)).toEqual(['https://a.example/new?q="quoted"&r=1', 'https://b.example/']);
  });

  it('offers only the address to edit, and locates each occurrence by selecting it', async () => {
    const { editor, textarea } = sourceEditor('<a href="https://c.example/">c</a> and <a href="https://c.example/">again</a>');
    expect(await describeLink(editor, 'https://c.example/', scan)).toEqual({ text: 'c', underline: true, editableText: false });
    const first = await locateLink(editor, 'https://c.example/', 0, scan);
    expect(first.count).toBe(2);
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionEnd)).toBe('https://c.example/');
    const firstStart = textarea.selectionStart;
    await locateLink(editor, 'https://c.example/', 1, scan);
    expect(textarea.selectionStart).toBeGreaterThan(firstStart);
  });
});

describe('editing links in a rich editor', () => {
  it('changes address, text and underline of each occurrence, and tells the editor', async () => {
    document.body.innerHTML = contentEditable;
    const editor = espAdapter.findComposers(document)[0]!.editor;
    editor.element.insertAdjacentHTML('beforeend', '<p><a href="https://shop.example.com/sale"><img alt="banner" src="x.png"></a></p>');
    let inputs = 0;
    editor.element.addEventListener('input', () => inputs++);
    await editLink(editor, 'https://shop.example.com/sale', { url: 'https://shop.example.com/spring', text: 'spring deals', underline: false }, scan);
    const anchors = [...editor.element.querySelectorAll('a')];
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual(['https://shop.example.com/spring', 'https://shop.example.com/spring']);
    expect(anchors[0]!.textContent).toBe('spring deals');
    expect(anchors[1]!.querySelector('img')).not.toBeNull(); // an image link keeps its image
    expect(anchors.every((a) => a.style.textDecoration === 'none')).toBe(true);
    expect(inputs).toBe(1);
  });
});

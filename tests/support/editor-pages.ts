import type { Locator, Page } from 'playwright-core';
import { bundle } from './bundle';

/**
 * Campaign pages of an ESP built on each real editor package (served from tests/node_modules at /vendor/, or
 * bundled with esbuild where a package ships only ES modules). Each page's own Send handler reads the editor
 * through the editor's public API at the moment the form is submitted, as an ESP's save or send does.
 * Every page exposes `window.__esp`: `read()` (the editor's own serialization), `text()` (its plain text) and
 * `load(html)` (a campaign put in through the editor's API, as an ESP opens a draft; the bench's 100-link campaigns).
 */
export interface EditorPage {
  /** Editor and version, as the report's table names it; the campaign's subject is `<name> campaign`. */
  name: string;
  family: string;
  head: string;
  body: string;
  scripts(): Promise<string[]>;
  /** Puts the caret at the end of the draft's first paragraph, as a user's click does. */
  caret(page: Page): Promise<void>;
}

/** The draft every page starts with: two web links and a mailto. */
export const DRAFT = `<p>Hello from the spring newsletter.</p><p>Read <a href="https://shop.example.com/sale?utm_source=esp&amp;x=1">the sale</a> and <a href="https://blog.example.com/post">our post</a>, or <a href="mailto:help@example.com">write to us</a>.</p>`;
export const DRAFT_URLS = ['https://shop.example.com/sale?utm_source=esp&x=1', 'https://blog.example.com/post', 'mailto:help@example.com'];

/**
 * An ESP's campaign screen around the editor: an app bar, the subject, the editor, Save and Send below it.
 * `form: false`: a single-page app's screen, no form, its Send a plain button with a click handler.
 */
function layout(subject: string, editor: string, { form = true } = {}): string {
  const [open, close, send] = form ? ['<form id="campaign">', '</form>', 'submit'] : ['<div id="campaign">', '</div>', 'button'];
  return `<style>
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; }
  .app-bar { height: 48px; background: #1d3b2a; color: #fff; display: flex; align-items: center; padding: 0 16px; }
  main { max-width: 960px; margin: 16px auto; padding: 0 16px; }
  .subject { display: grid; gap: 4px; margin-bottom: 12px; font-weight: 600; }
  .subject input { font: inherit; padding: 6px; }
  .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
  .actions button { font: inherit; padding: 8px 16px; }
</style>
<header class="app-bar">Campaigns · Spring newsletter</header>
<main>${open}
  <label class="subject">Subject <input name="subject" value="${subject}"></label>
  ${editor}
  <div class="actions"><button type="button" id="save-draft">Save draft</button><button type="${send}" id="send">Send campaign</button></div>
${close}</main>`;
}

/** The ESP's own Send: reads the editor through its API when the form is submitted (or, formless, Send clicked), and posts it. */
const HOST_SEND = `(function () {
  const form = document.querySelector('#campaign');
  const send = (event) => {
    event.preventDefault();
    const html = window.__esp.read();
    const subject = document.querySelector('input[name="subject"]').value;
    fetch(location.pathname + '/__sent', { method: 'POST', body: JSON.stringify({ host: 'esp', to: [], subject, html, at: performance.now() }) });
  };
  if (form.localName === 'form') form.addEventListener('submit', send);
  else document.querySelector('#send').addEventListener('click', send);
})();`;

const vendor = (...files: string[]) =>
  files.map((file) => (file.endsWith('.css') ? `<link rel="stylesheet" href="/vendor/${file}">` : `<script src="/vendor/${file}"></script>`)).join('');

async function clickEnd(target: Locator): Promise<void> {
  await target.click();
  await target.press('End');
}

const tinymce = (pkg: 'tinymce' | 'tinymce5', name: string): EditorPage => ({
  name,
  family: 'tinymce',
  head: vendor(`${pkg}/tinymce.min.js`),
  body: layout(`${name} campaign`, `<textarea id="body" name="body">${DRAFT.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</textarea>`),
  scripts: async () => [
    `window.__esp = { read: () => tinymce.get('body').getContent(), text: () => tinymce.get('body').getBody().innerText, load: (html) => tinymce.get('body').setContent(html) };
     tinymce.init({ selector: '#body', license_key: 'gpl', plugins: 'link image', menubar: false, height: 320, promotion: false, branding: false });`,
    HOST_SEND,
  ],
  caret: (page) => clickEnd(page.frameLocator('iframe.tox-edit-area__iframe').locator('p').first()),
});

/** A page on a plain contenteditable holding `html`: an ESP draft opened again, as the ESP saved it. */
export function savedDraftPage(name: string, html: string): EditorPage {
  return {
    name,
    family: 'contenteditable',
    head: '',
    body: layout(`${name} campaign`, `<div id="body" contenteditable="true">${html}</div>`),
    scripts: async () => [
      `const body = document.querySelector('#body'); window.__esp = { read: () => body.innerHTML, text: () => body.innerText };`,
      HOST_SEND,
    ],
    caret: (page) => clickEnd(page.locator('#body p').first()),
  };
}

/** Plain text of an HTML source, for the source editors' `text()` (their text is the markup itself). */
const SOURCE_TEXT = `(html) => new DOMParser().parseFromString(html, 'text/html').body.textContent`;
/** The draft as HTML source, one block a line. */
const SOURCE = DRAFT.replace(/<\/p>/g, '</p>\n');

const LEXICAL_PAGE = `
import { createEditor, $getRoot, $insertNodes, DecoratorNode } from 'lexical';
import { registerRichText, HeadingNode, QuoteNode } from '@lexical/rich-text';
import { registerHistory, createEmptyHistoryState } from '@lexical/history';
import { $generateHtmlFromNodes, $generateNodesFromDOM } from '@lexical/html';
import { LinkNode } from '@lexical/link';

/** An ESP's image node (Lexical's core has none), as an email editor built on Lexical registers one. */
class ImageNode extends DecoratorNode {
  static getType() { return 'image'; }
  static clone(node) { return new ImageNode(node.__src, node.__width, node.__height, node.__key); }
  static importJSON(json) { return new ImageNode(json.src, json.width, json.height); }
  static importDOM() {
    return { img: () => ({ conversion: (el) => ({ node: new ImageNode(el.getAttribute('src'), el.getAttribute('width'), el.getAttribute('height')) }), priority: 0 }) };
  }
  constructor(src, width, height, key) { super(key); this.__src = src; this.__width = width; this.__height = height; }
  exportJSON() { return { type: 'image', version: 1, src: this.__src, width: this.__width, height: this.__height }; }
  exportDOM() {
    const img = document.createElement('img');
    img.setAttribute('src', this.__src);
    if (this.__width) img.setAttribute('width', this.__width);
    if (this.__height) img.setAttribute('height', this.__height);
    return { element: img };
  }
  createDOM() { const span = document.createElement('span'); span.innerHTML = '<img src="' + this.__src.replace(/"/g, '&quot;') + '" width="1" height="1" alt="">'; return span; }
  updateDOM() { return false; }
  isInline() { return true; }
  decorate() { return null; }
}

const editor = createEditor({ namespace: 'esp', nodes: [HeadingNode, QuoteNode, LinkNode, ImageNode], onError: (e) => { throw e; } });
editor.setRootElement(document.querySelector('#body'));
registerRichText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);
editor.update(() => {
  const dom = new DOMParser().parseFromString(DRAFT_HTML, 'text/html');
  $getRoot().clear().select();
  $insertNodes($generateNodesFromDOM(editor, dom));
}, { discrete: true });
window.__esp = {
  read: () => editor.getEditorState().read(() => $generateHtmlFromNodes(editor, null)),
  text: () => editor.getEditorState().read(() => $getRoot().getTextContent()),
  load: (html) => editor.update(() => {
    $getRoot().clear().select();
    $insertNodes($generateNodesFromDOM(editor, new DOMParser().parseFromString(html, 'text/html')));
  }, { discrete: true }),
};`;

/** Quill from its own dist (the global `Quill`); `strict`: only the toolbar's formats are allowed. */
const quill = (pkg: 'quill' | 'quill1', name: string, toolbar: string, strict = false): EditorPage => ({
  name,
  family: 'quill',
  head: vendor(`${pkg}/dist/quill.snow.css`, `${pkg}/dist/quill${pkg === 'quill' ? '' : '.min'}.js`),
  body: layout(`${name} campaign`, `<div class="editor-box"><div id="body" style="height: 260px">${DRAFT}</div></div>`),
  scripts: async () => [
    `const quill = new Quill('#body', { theme: 'snow', ${strict ? `formats: ${toolbar},` : ''} modules: { toolbar: [${toolbar}] } });
     const read = quill.getSemanticHTML ? () => quill.getSemanticHTML() : () => quill.root.innerHTML;
     window.__esp = { read, text: () => quill.getText(), load: (html) => quill.setContents(quill.clipboard.convert(quill.getSemanticHTML ? { html } : html)) };`,
    HOST_SEND,
  ],
  caret: (page) => clickEnd(page.locator('.ql-editor p').first()),
});

export const EDITOR_PAGES: Record<string, EditorPage> = {
  tinymce8: tinymce('tinymce', 'TinyMCE 8.9'),
  tinymce5: tinymce('tinymce5', 'TinyMCE 5.10'),
  ckeditor5: {
    name: 'CKEditor 5 v48',
    family: 'ckeditor5',
    head: vendor('ckeditor5/dist/browser/ckeditor5.css', 'ckeditor5/dist/browser/ckeditor5.umd.js'),
    body: layout('CKEditor 5 v48 campaign', `<div id="body">${DRAFT}</div>`),
    scripts: async () => [
      `window.__esp = { read: () => window.__ck.getData(), text: () => document.querySelector('.ck-editor__editable').innerText, load: (html) => window.__ck.setData(html) };
       const { ClassicEditor, Essentials, Paragraph, Bold, Italic, Link, Image, ImageInline, ImageBlock } = CKEDITOR;
       ClassicEditor.create(document.querySelector('#body'), {
         licenseKey: 'GPL', plugins: [Essentials, Paragraph, Bold, Italic, Link, Image, ImageInline, ImageBlock],
         toolbar: ['undo', 'redo', '|', 'bold', 'italic', 'link'],
       }).then((editor) => (window.__ck = editor));`,
      HOST_SEND,
    ],
    caret: (page) => clickEnd(page.locator('.ck-editor__editable p').first()),
  },
  quill2: quill('quill', 'Quill 2.0', "['bold', 'italic', 'link', 'image']"),
  // An ESP that allows only these formats: Quill drops anything else it is given, the open pixel included.
  quill2Strict: quill('quill', 'Quill 2.0 without images', "['bold', 'italic', 'link']", true),
  quill1: quill('quill1', 'Quill 1.3', "['bold', 'italic', 'link', 'image']"),
  tiptap: {
    name: 'Tiptap 3 (ProseMirror)',
    family: 'prosemirror',
    head: '<style>.ProseMirror { min-height: 200px; border: 1px solid #999; padding: 8px; }</style>',
    // A single-page app: no form, Send is a button with a click handler.
    body: layout('Tiptap 3 (ProseMirror) campaign', `<div id="body"></div>`, { form: false }),
    scripts: async () => [
      await bundle(
        "export { Editor } from '@tiptap/core'; export { default as StarterKit } from '@tiptap/starter-kit'; export { default as Image } from '@tiptap/extension-image';",
        'Tiptap',
      ),
      `const editor = new Tiptap.Editor({ element: document.querySelector('#body'), extensions: [Tiptap.StarterKit, Tiptap.Image], content: ${JSON.stringify(DRAFT)} });
       window.__esp = { read: () => editor.getHTML(), text: () => editor.getText(), load: (html) => editor.commands.setContent(html) };`,
      HOST_SEND,
    ],
    caret: (page) => clickEnd(page.locator('.ProseMirror p').first()),
  },
  grapesjs: {
    name: 'GrapesJS 0.23 + newsletter preset',
    family: 'grapesjs',
    head: vendor('grapesjs/dist/css/grapes.min.css', 'grapesjs/dist/grapes.min.js', 'grapesjs-preset-newsletter/dist/index.js'),
    body: layout('GrapesJS 0.23 + newsletter preset campaign', `<div id="gjs"></div>`),
    scripts: async () => [
      `const editor = grapesjs.init({
         container: '#gjs', height: '480px', storageManager: false, plugins: ['grapesjs-preset-newsletter'],
         components: ${JSON.stringify(`<table style="width:100%"><tr><td>${DRAFT}</td></tr></table>`)},
       });
       window.__esp = { read: () => editor.getHtml(), text: () => editor.Canvas.getBody().innerText, load: (html) => editor.setComponents(html) };`,
      HOST_SEND,
    ],
    async caret(page) {
      const first = page.frameLocator('.gjs-frame').locator('p').first();
      await first.dblclick(); // GrapesJS starts its text editing on a double click
      await first.press('End');
    },
  },
  ckeditor4: {
    name: 'CKEditor 4.22',
    family: 'ckeditor4',
    head: vendor('ckeditor4/ckeditor.js'),
    body: layout('CKEditor 4.22 campaign', `<textarea id="body" name="body">${DRAFT.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</textarea>`),
    scripts: async () => [
      `const ck = () => CKEDITOR.instances.body;
       window.__esp = { read: () => ck().getData(), text: () => ck().editable().$.innerText, load: (html) => new Promise((resolve) => ck().setData(html, { callback: resolve })) };
       CKEDITOR.replace('body', { versionCheck: false, height: 240, removePlugins: 'elementspath', resize_enabled: false });`,
      HOST_SEND,
    ],
    caret: (page) => clickEnd(page.frameLocator('iframe.cke_wysiwyg_frame').locator('p').first()),
  },
  prosemirror: {
    name: 'ProseMirror (bare, view 1.44)',
    family: 'prosemirror',
    head: '<style>.ProseMirror { min-height: 200px; border: 1px solid #999; padding: 8px; white-space: pre-wrap; }</style>',
    body: layout('ProseMirror (bare, view 1.44) campaign', `<div id="body"></div><div id="draft" hidden>${DRAFT}</div>`),
    scripts: async () => [
      await bundle(
        `import { EditorState } from 'prosemirror-state';
         import { EditorView } from 'prosemirror-view';
         import { DOMParser, DOMSerializer } from 'prosemirror-model';
         import { schema } from 'prosemirror-schema-basic';
         import { history, undo, redo } from 'prosemirror-history';
         import { keymap } from 'prosemirror-keymap';
         import { baseKeymap } from 'prosemirror-commands';
         const doc = DOMParser.fromSchema(schema).parse(document.querySelector('#draft'));
         const plugins = [history(), keymap({ 'Mod-z': undo, 'Mod-y': redo, 'Mod-Shift-z': redo }), keymap(baseKeymap)];
         const view = new EditorView(document.querySelector('#body'), { state: EditorState.create({ doc, plugins }) });
         window.__esp = {
           read() {
             const div = document.createElement('div');
             div.append(DOMSerializer.fromSchema(schema).serializeFragment(view.state.doc.content));
             return div.innerHTML;
           },
           text: () => view.state.doc.textContent,
           load(html) {
             const div = document.createElement('div');
             div.innerHTML = html;
             view.dispatch(view.state.tr.replaceWith(0, view.state.doc.content.size, DOMParser.fromSchema(schema).parse(div).content));
           },
         };`,
        'PM',
      ),
      HOST_SEND,
    ],
    caret: (page) => clickEnd(page.locator('.ProseMirror p').first()),
  },
  lexical: {
    name: 'Lexical 0.52',
    family: 'lexical',
    head: '<style>#body { min-height: 200px; border: 1px solid #999; padding: 8px; }</style>',
    body: layout('Lexical 0.52 campaign', `<div id="body" contenteditable="true"></div>`),
    scripts: async () => [await bundle(LEXICAL_PAGE.replace('DRAFT_HTML', JSON.stringify(DRAFT)), 'LX'), HOST_SEND],
    caret: (page) => clickEnd(page.locator('#body p').first()),
  },
  codemirror: {
    name: 'CodeMirror 6 (view 6.43)',
    family: 'codemirror',
    head: '<style>.cm-editor { height: 240px; border: 1px solid #999; }</style>',
    body: layout('CodeMirror 6 (view 6.43) campaign', `<div id="body"></div>`),
    scripts: async () => [
      await bundle(
        `import { EditorView, keymap } from '@codemirror/view';
         import { EditorState } from '@codemirror/state';
         import { history, historyKeymap, defaultKeymap } from '@codemirror/commands';
         const view = new EditorView({
           state: EditorState.create({ doc: ${JSON.stringify(SOURCE)}, extensions: [history(), keymap.of([...defaultKeymap, ...historyKeymap])] }),
           parent: document.querySelector('#body'),
         });
         const text = ${SOURCE_TEXT};
         window.__esp = {
           read: () => view.state.doc.toString(),
           text: () => text(view.state.doc.toString()),
           load: (html) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: html } }),
         };`,
        'CMPage',
      ),
      HOST_SEND,
    ],
    caret: (page) => clickEnd(page.locator('.cm-content .cm-line').first()),
  },
  monaco: {
    name: 'Monaco 0.58',
    family: 'monaco',
    head: vendor('monaco-editor/min/vs/loader.js'),
    body: layout('Monaco 0.58 campaign', `<div id="body" style="height: 240px; border: 1px solid #999"></div>`),
    scripts: async () => [
      `require.config({ paths: { vs: '/vendor/monaco-editor/min/vs' } });
       require(['vs/editor/editor.main'], () => {
         const editor = monaco.editor.create(document.querySelector('#body'), { value: ${JSON.stringify(SOURCE)}, language: 'html', minimap: { enabled: false } });
         const text = ${SOURCE_TEXT};
         window.__esp = { read: () => editor.getValue(), text: () => text(editor.getValue()), load: (html) => editor.setValue(html) };
       });`,
      HOST_SEND,
    ],
    async caret(page) {
      await page.locator('.monaco-editor .view-line').first().click();
      await page.keyboard.press('End');
    },
  },
  textarea: {
    name: 'HTML source textarea',
    family: 'textarea',
    head: '',
    body: layout(
      'HTML source textarea campaign',
      `<textarea id="body" name="html" rows="10" style="width: 100%; box-sizing: border-box">${SOURCE.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</textarea>`,
    ),
    scripts: async () => [
      `const area = document.querySelector('#body'); const text = ${SOURCE_TEXT};
       window.__esp = { read: () => area.value, text: () => text(area.value), load: (html) => { area.value = html; area.dispatchEvent(new Event('input', { bubbles: true })); } };`,
      HOST_SEND,
    ],
    async caret(page) {
      await page.locator('#body').click();
      await page.locator('#body').evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.indexOf('</p>'), el.value.indexOf('</p>')));
    },
  },
  contenteditable: {
    name: 'Plain contenteditable',
    family: 'contenteditable',
    head: '<style>#body { min-height: 200px; border: 1px solid #999; padding: 8px; }</style>',
    body: layout('Plain contenteditable campaign', `<div id="body" contenteditable="true">${DRAFT}</div>`),
    scripts: async () => [
      `const body = document.querySelector('#body');
       window.__esp = { read: () => body.innerHTML, text: () => body.innerText, load: (html) => { body.innerHTML = html; } };`,
      HOST_SEND,
    ],
    caret: (page) => clickEnd(page.locator('#body p').first()),
  },
};

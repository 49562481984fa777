import { afterEach, describe, expect, it } from 'vitest';
import { EditorView } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import contentEditable from './fixtures/contenteditable.html?raw';
import iframeEditable from './fixtures/iframe-editable.html?raw';
import textareaSource from './fixtures/textarea-source.html?raw';
import codeMirror from './fixtures/codemirror.html?raw';
import { espAdapter } from './adapter';
import { installCodeMirrorBridge } from '../../bridges/codemirror';

afterEach(() => (document.body.innerHTML = ''));

describe('ESP adapter', () => {
  it('finds a contenteditable editor with its form recipients and subject', () => {
    document.body.innerHTML = contentEditable;
    const [composer, ...rest] = espAdapter.findComposers(document);
    expect(rest).toHaveLength(0);
    expect(composer?.editor.kind).toBe('contenteditable');
    expect(composer?.getRecipients()).toEqual([{ email: 'gina@example.com' }]);
    expect(composer?.getSubject()).toBe('Spring sale');
    expect(composer?.editor.getHtml()).toContain('https://shop.example.com/sale');
  });

  it('treats a submit of the editor form as the send and submits again with the same button', () => {
    document.body.innerHTML = contentEditable;
    const [composer] = espAdapter.findComposers(document);
    const form = document.querySelector('form')!;
    const submitters: (string | undefined)[] = [];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitters.push(composer!.sendTrigger(event) ?? undefined);
      submitters.push((event as SubmitEvent).submitter?.getAttribute('value') ?? undefined);
    });
    form.requestSubmit(form.querySelector('button')!);
    composer!.triggerSend();
    expect(submitters).toEqual(['submit', 'send', 'submit', 'send']);
  });

  it('edits the iframe body of an editor it has no bridge for, and fires input there so the editor saves it', () => {
    document.body.innerHTML = iframeEditable;
    const frame = document.querySelector('iframe')!;
    frame.setAttribute('srcdoc', '<body contenteditable="true"><p>Issue <a href="https://news.example.com/12">twelve</a></p></body>');
    const doc = frame.contentDocument!;
    expect(doc.body.isContentEditable || doc.body.getAttribute('contenteditable')).toBeTruthy();
    const [composer, ...rest] = espAdapter.findComposers(document);
    expect(rest).toHaveLength(0); // the hidden original textarea is not an editor
    expect(composer?.editor.kind).toBe('iframe');
    expect(composer?.getRecipients()).toEqual([{ email: 'hank@example.com' }]);
    const textarea = document.querySelector<HTMLTextAreaElement>('#content')!;
    doc.body.addEventListener('input', () => (textarea.value = doc.body.innerHTML));
    composer!.editor.setHtml('<p>tracked</p>');
    expect(textarea.value).toBe('<p>tracked</p>');
    expect(composer!.toolbarAnchor()?.anchor).toBe(frame.parentElement); // its frame, which holds nothing else
  });

  it('edits an HTML source textarea through input events, inserting at the saved caret', () => {
    document.body.innerHTML = textareaSource;
    const [composer] = espAdapter.findComposers(document);
    const textarea = document.querySelector('textarea')!;
    expect(composer?.editor.kind).toBe('textarea');
    expect(composer?.editor.isSource).toBe(true);
    expect(composer?.getSubject()).toBe('Code-built email');
    const at = textarea.value.indexOf('</body>');
    textarea.setSelectionRange(at, at);
    const caret = composer!.editor.saveCaret();
    textarea.setSelectionRange(0, 0);
    const seen: string[] = [];
    textarea.addEventListener('input', () => seen.push(textarea.value));
    composer!.editor.insertHtml(caret, '<a href="{{unsubscribe_url}}">Unsubscribe</a>');
    expect(textarea.value).toContain('<a href="{{unsubscribe_url}}">Unsubscribe</a></body>');
    expect(seen.at(-1)).toBe(textarea.value);
  });

  it('reads and writes a real CodeMirror 6 editor through its view (the main-world bridge)', () => {
    document.body.innerHTML = codeMirror;
    document.querySelector('.cm-editor')!.remove(); // the saved DOM is replaced by a live editor
    const view = new EditorView({
      state: EditorState.create({ doc: '<p>Hi</p>\n<a href="https://example.com/cm">Link</a>' }),
      parent: document.querySelector('form')!,
    });
    installCodeMirrorBridge(document);
    const [composer, ...rest] = espAdapter.findComposers(document);
    expect(rest).toHaveLength(0);
    expect(composer?.editor.family).toBe('codemirror');
    expect(composer?.editor.getHtml()).toBe('<p>Hi</p>\n<a href="https://example.com/cm">Link</a>');
    composer!.editor.setHtml('<p>tracked</p>');
    expect(view.state.doc.toString()).toBe('<p>tracked</p>');
    view.dispatch({ selection: { anchor: 3 } });
    composer!.editor.insertHtml(composer!.editor.saveCaret(), '{{mirror_url}}');
    expect(view.state.doc.toString()).toBe('<p>{{mirror_url}}tracked</p>');
    view.destroy();
  });

  it('recognises the saved CodeMirror DOM as one editor, not as a contenteditable', () => {
    document.body.innerHTML = codeMirror;
    const composers = espAdapter.findComposers(document);
    expect(composers.map((c) => c.editor.family)).toEqual(['codemirror']);
  });
});

describe('ESP send detection', () => {
  it('never treats Ctrl+Enter in an ESP editor as a send (only the form submit is)', () => {
    document.body.innerHTML = contentEditable;
    const [composer] = espAdapter.findComposers(document);
    const editor = composer!.editor.element;
    let trigger: string | null = 'unset';
    editor.addEventListener('keydown', (event) => (trigger = composer!.sendTrigger(event)));
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    expect(trigger).toBeNull();
  });
});

describe('ESP send detection without a form', () => {
  it("takes a click on the page's Send or Schedule button as the send, never Send test, and clicks it again", () => {
    document.body.innerHTML = `<input name="subject" value="SPA"><div contenteditable="true"><p>x</p></div>
      <button id="test">Send test email</button><div role="button" id="send">Send now</div><button id="schedule">Schedule</button>`;
    const [composer] = espAdapter.findComposers(document);
    const seen: (string | null)[] = [];
    const clicks: string[] = [];
    for (const id of ['test', 'send', 'schedule']) {
      const button = document.getElementById(id)!;
      button.addEventListener('click', (event) => seen.push(composer!.sendTrigger(event)));
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
    }
    expect(seen).toEqual([null, 'click', 'click']);
    document.getElementById('schedule')!.addEventListener('click', () => clicks.push('schedule'));
    composer!.triggerSend();
    expect(clicks).toEqual(['schedule']);
    expect(composer!.getSubject()).toBe('SPA');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import en from '../hosts/gmail/fixtures/compose-en.html?raw';
import { gmailAdapter } from '../hosts/gmail/adapter';
import { scanLinks } from '@beacon/shared/links/index';
import { useComposerStore } from '../stores/composer';
import { composerActionsKey, createComposerActions } from '../features/composer-actions';
import InsertLinkDialog from './InsertLinkDialog.vue';

let body: HTMLElement;
function setup() {
  document.body.innerHTML = en;
  const [, composer] = gmailAdapter.findComposers(document);
  body = composer!.editor.element;
  // The caret after "Hello " when the dialog opens.
  const range = document.createRange();
  range.setStart(body.querySelector('div')!.firstChild!, 6);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
  const pinia = createPinia();
  const store = useComposerStore(pinia);
  store.panel = 'insert';
  const actions = createComposerActions(composer!.editor, async (html) => scanLinks(html).links);
  actions.saveCaret();
  document.getSelection()!.removeAllRanges();
  const wrapper = mount(InsertLinkDialog, { attachTo: document.body, global: { plugins: [pinia], provide: { [composerActionsKey as symbol]: actions } } });
  return { wrapper, store };
}
beforeEach(() => (document.body.innerHTML = ''));

describe('Insert link dialog', () => {
  it('refuses a URL that is not a full http(s) address and inserts nothing', async () => {
    const { wrapper, store } = setup();
    const [url, text] = wrapper.findAll('input[type="text"]');
    await url!.setValue('example');
    await text!.setValue('Offer');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[role="alert"]').text()).toContain('full address');
    expect(body.innerHTML).not.toContain('Offer');
    expect(store.panel).toBe('insert');
  });

  it('puts a picked expression into the URL and inserts the link where the caret was', async () => {
    const { wrapper, store } = setup();
    const [url, text] = wrapper.findAll('input[type="text"]');
    await url!.setValue('https://example.com/offer?e=');
    (url!.element as HTMLInputElement).setSelectionRange(28, 28);
    const chip = wrapper.findAll('button.chip').find((b) => b.text() === '{{recipient.email}}')!;
    await chip.trigger('click');
    expect((url!.element as HTMLInputElement).value).toBe('https://example.com/offer?e={{recipient.email}}');
    await text!.setValue('your offer');
    await wrapper.find('form').trigger('submit');
    expect(body.querySelector('div')!.innerHTML).toBe('Hello <a href="https://example.com/offer?e={{recipient.email}}">your offer</a>{{recipient.firstName}},');
    expect(store.panel).toBeNull();
  });

  it('inserts {{unsubscribe_url}} and {{mirror_url}} links with default texts', async () => {
    const { wrapper } = setup();
    await wrapper.findAll('input[type="radio"]')[1]!.setValue(true);
    await wrapper.find('form').trigger('submit');
    expect(body.innerHTML).toContain('<a href="{{unsubscribe_url}}">Unsubscribe</a>');
    const second = setup();
    await second.wrapper.findAll('input[type="radio"]')[2]!.setValue(true);
    await second.wrapper.find('form').trigger('submit');
    expect(body.innerHTML).toContain('<a href="{{mirror_url}}">View this email in your browser</a>');
  });
});

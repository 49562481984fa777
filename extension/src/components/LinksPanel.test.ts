import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import en from '../hosts/gmail/fixtures/compose-en.html?raw';
import { gmailAdapter } from '../hosts/gmail/adapter';
import { planLinks, scanLinks } from '@beacon/shared/links/index';
import { useComposerStore } from '../stores/composer';
import { composerActionsKey, createComposerActions } from '../features/composer-actions';
import LinksPanel from './LinksPanel.vue';

function setup() {
  document.body.innerHTML = en;
  const [, composer] = gmailAdapter.findComposers(document);
  const editor = composer!.editor;
  editor.element.insertAdjacentHTML('beforeend', '<p><a href="https://example.com/launch">again</a> <a href="#top">top</a></p>');
  const pinia = createPinia();
  const store = useComposerStore(pinia);
  store.links = planLinks(scanLinks(editor.getHtml()), { trackClicks: true });
  const actions = createComposerActions(editor, async (html) => scanLinks(html).links);
  const wrapper = mount(LinksPanel, { global: { plugins: [pinia], provide: { [composerActionsKey as symbol]: actions } } });
  return { wrapper, store, editor };
}

describe('Links panel', () => {
  it('lists each unique URL with its count, and why untrackable ones are not tracked', () => {
    const { wrapper } = setup();
    const rows = wrapper.findAll('li.link');
    expect(rows.map((r) => r.attributes('data-url'))).toEqual(['https://example.com/launch', 'mailto:ann@example.com', '#top']);
    expect(rows[0]!.text()).toContain('×2');
    expect(rows[1]!.find('.reason').text()).toContain('mailto links cannot be tracked');
    expect(rows[1]!.find('select').attributes('disabled')).toBeDefined();
    expect(rows[2]!.find('.reason').text()).toContain('fragment');
    expect(rows[0]!.find('select').attributes('disabled')).toBeUndefined();
  });

  it('offers Tracked, Opt out, Mirror page and Never, and remembers the choice per URL', async () => {
    const { wrapper, store } = setup();
    const select = wrapper.find('li.link select');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Tracked', 'Opt out', 'Mirror page', 'Never']);
    await select.setValue('never');
    expect(store.overrides).toEqual({ 'https://example.com/launch': 'never' });
  });

  it('edits every occurrence of a link with the pencil: address, text and underline', async () => {
    const { wrapper, editor } = setup();
    await wrapper.find('button[aria-label="Edit https://example.com/launch"]').trigger('click');
    await flushPromises();
    const inputs = wrapper.findAll('.editor input');
    await inputs[0]!.setValue('https://example.com/launch-v2');
    await inputs[1]!.setValue('the new plan');
    await inputs[2]!.setValue(false);
    await wrapper.find('.editor').trigger('submit');
    await flushPromises();
    const anchors = [...editor.element.querySelectorAll('a[href="https://example.com/launch-v2"]')] as HTMLAnchorElement[];
    expect(anchors).toHaveLength(2);
    expect(anchors.map((a) => a.textContent)).toEqual(['the new plan', 'the new plan']);
    expect(anchors.every((a) => a.style.textDecoration === 'none')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import en from '../hosts/gmail/fixtures/compose-en.html?raw';
import { gmailAdapter } from '../hosts/gmail/adapter';
import { scanLinks } from '@beacon/shared/links/index';
import { useComposerStore } from '../stores/composer';
import { composerActionsKey, createComposerActions } from '../features/composer-actions';
import ComposerToolbar from './ComposerToolbar.vue';

function setup(signedIn: boolean) {
  document.body.innerHTML = en;
  const [, composer] = gmailAdapter.findComposers(document);
  const pinia = createPinia();
  const store = useComposerStore(pinia);
  store.signedIn = signedIn;
  const actions = createComposerActions(composer!.editor, async (html) => scanLinks(html).links);
  const wrapper = mount(ComposerToolbar, { global: { plugins: [pinia], provide: { [composerActionsKey as symbol]: actions } } });
  return { wrapper, store };
}

describe('ComposerToolbar', () => {
  it('says it is not signed in and offers nothing to click', () => {
    const { wrapper } = setup(false);
    expect(wrapper.text()).toContain('not signed in');
    expect(wrapper.findAll('button')).toHaveLength(0);
  });

  it('has Insert link, Links and two switches on by default that toggle per message', async () => {
    const { wrapper, store } = setup(true);
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['Insert link', 'Links', 'Track opens', 'Track clicks']);
    const switches = wrapper.findAll('[role="switch"]');
    expect(switches.map((s) => s.attributes('aria-checked'))).toEqual(['true', 'true']);
    await switches[1]!.trigger('click');
    expect(switches[1]!.attributes('aria-checked')).toBe('false');
    expect(store.trackClicks).toBe(false);
    expect(store.tracking).toBe(true);
    await switches[0]!.trigger('click');
    expect(store.tracking).toBe(false);
  });

  it('warns that opens cannot be told apart with several recipients, and names suppressed recipients', async () => {
    const { wrapper, store } = setup(true);
    store.recipients = [{ email: 'a@example.com' }, { email: 'b@example.com' }];
    store.suppressed = ['b@example.com'];
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain("opens can't be told apart");
    expect(wrapper.find('[role="alert"]').text()).toContain('b@example.com');
  });

  it('opens the Insert link dialog after remembering the caret', async () => {
    const { wrapper, store } = setup(true);
    const insert = wrapper.findAll('button')[0]!;
    await insert.trigger('mousedown');
    await insert.trigger('click');
    expect(store.panel).toBe('insert');
  });

  it('after Apply, says how many links are not tracked yet, from rows planned after it only', async () => {
    const { wrapper, store } = setup(true);
    store.esp = true;
    const own = { kind: 'http' as const, count: 1, type: 'never' as const, reason: 'ours' };
    const link = (url: string) => ({ url, kind: 'http' as const, count: 1, type: 'tracked' as const });
    store.applied = { key: 'k', messageId: 'm', tracked: { 'https://t.example/c/a': 'https://a.example/' }, before: '', after: '', links: 1, at: 1000 };
    // Rows asked for before Apply wrote: the draft as it was, every link still to track; nothing to say.
    store.links = [link('https://a.example/')];
    store.linksAskedAt = 999;
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('Tracking applied · 1 link');
    expect(wrapper.text()).not.toContain('not tracked yet');
    // Rows of the applied draft: its tracked link is the collector's own URL.
    store.links = [{ url: 'https://t.example/c/a', ...own }];
    store.linksAskedAt = 1001;
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).not.toContain('not tracked yet');
    // Two links added since, one of them the same page as a tracked one: both go out untracked unless updated.
    store.links = [{ url: 'https://t.example/c/a', ...own }, link('https://a.example/'), link('https://b.example/')];
    store.linksAskedAt = 1002;
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toContain('2 links are not tracked yet: update tracking before sending.');
    store.applied = null;
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).not.toContain('not tracked yet');
  });
});

import { i18n } from '#i18n';
import type { CreateMessageRequest, CreateMessageResponse } from '@beacon/shared/api/messages';
import type { Source } from '@beacon/shared/api/common';
import type { Composer } from '../hosts/types';
import type { ComposerStore } from '../stores/composer';
import { pixelMarkup } from '@beacon/shared/links/pixel';
import { askBackground, askBackgroundInTime } from '../utils/messaging';
import { recipientTagFor } from './recipient-tag';
import { rememberApplied } from './applied-drafts';

export type ApplyOutcome = 'applied' | 'unchanged' | 'refused' | 'failed' | 'cancelled';

export interface TrackingApplier {
  /** Registers the draft (or updates its message) and rewrites it inside the editor; `ask`: the user clicked Apply. */
  apply(options: { ask: boolean }): Promise<ApplyOutcome>;
  /** Puts the original hrefs back and withdraws the registration. */
  remove(): Promise<void>;
}

/**
 * "Apply tracking" for ESP composers: the editor's own serialization is registered, the tracked HTML goes back in
 * through the editor, and the editor is read again to check every link came out tracked. A draft tracked
 * before is first put back to its originals, so links are never wrapped twice and the same message is updated.
 */
export function createTrackingApplier(composer: Composer, store: ComposerStore, source: Source): TrackingApplier {
  const editor = composer.editor;
  async function read(): Promise<string> {
    await editor.flush?.();
    return editor.getHtml();
  }
  const untracked = (html: string) =>
    store.applied
      ? askBackground('untrack', { html, tracked: store.applied.tracked, ...(store.applied.pixelUrl ? { pixelUrl: store.applied.pixelUrl } : {}) })
      : Promise.resolve(html);
  const forget = (key: string) => void askBackground('forgetMessage', { key }).catch(() => {});

  /** Did the editor keep what was written: every tracked URL there, no original of one left, the pixel in. */
  async function took(html: string, response: CreateMessageResponse): Promise<boolean> {
    const present = new Set((await askBackground('scanLinks', { html })).map((link) => link.url));
    const links = response.links.filter((link) => link.trackedUrl);
    if (links.some((link) => !present.has(link.trackedUrl!) || present.has(link.url))) return false;
    return !response.pixelUrl || html.includes(response.pixelUrl) || html.includes(response.pixelUrl.replace(/&/g, '&amp;'));
  }

  /** Subject and audience size: asked when the user applies, or when the page shows no subject. */
  async function details(ask: boolean): Promise<{ subject: string; audienceSize?: number } | null> {
    const subject = composer.getSubject().trim();
    if (!ask && subject) return { subject };
    const fields = [
      { name: 'subject', label: i18n.t('apply.subject'), value: subject, type: 'text' as const, required: true },
      { name: 'audience', label: i18n.t('apply.audienceSize'), value: '', type: 'number' as const },
    ];
    const confirmed = await store.ask({
      title: i18n.t('toolbar.applyTracking'),
      message: i18n.t('apply.explain'),
      confirm: i18n.t('toolbar.applyTracking'),
      cancel: i18n.t('common.cancel'),
      fields,
    });
    if (!confirmed) return null;
    const size = Number.parseInt(fields[1]!.value, 10);
    return { subject: fields[0]!.value.trim() || subject, ...(size > 0 ? { audienceSize: size } : {}) };
  }

  function register(key: string, message: CreateMessageRequest) {
    return store.applied ? askBackgroundInTime('updateMessage', { key, message }) : askBackgroundInTime('registerMessage', { key, message });
  }

  /** The tracked content into the editor: link by link where the editor has that (faster), else whole. */
  function write(response: CreateMessageResponse): void {
    const hrefs: Record<string, string> = {};
    for (const link of response.links) if (link.trackedUrl) hrefs[link.url] = link.trackedUrl;
    // Applied before: the hrefs in the editor are the earlier tracked URLs.
    for (const [old, original] of Object.entries(store.applied?.tracked ?? {})) hrefs[old] = hrefs[original] ?? original;
    const pixel = {
      ...(response.pixelUrl ? { add: { src: response.pixelUrl, html: pixelMarkup(response.pixelUrl, 'image', true) } } : {}),
      ...(store.applied?.pixelUrl && store.applied.pixelUrl !== response.pixelUrl ? { remove: store.applied.pixelUrl } : {}),
    };
    if (!editor.rewriteLinks?.(hrefs, pixel)) editor.setHtml(response.html);
  }

  async function apply({ ask }: { ask: boolean }): Promise<ApplyOutcome> {
    if (store.applying) return 'failed';
    store.applying = true;
    store.refused = null;
    store.notice = '';
    try {
      const current = await read();
      if (store.applied && current === store.applied.after && !ask) return 'unchanged';
      const draft = await untracked(current);
      const asked = await details(ask);
      if (!asked) return 'cancelled';
      const recipients = composer.getRecipients();
      const tag = recipients.length ? '' : await recipientTagFor(location.origin);
      const message: CreateMessageRequest = {
        subject: asked.subject,
        recipients,
        html: draft,
        trackOpens: store.trackOpens,
        trackClicks: store.trackClicks,
        links: Object.entries(store.overrides).map(([url, type]) => ({ url, type })),
        source,
        // An <img>, which every editor's model keeps (a table's background is dropped by most); campaigns show images anyway.
        pixelForm: 'image',
        ...(tag ? { recipientTag: tag } : {}),
        ...(asked.audienceSize ? { audienceSize: asked.audienceSize } : {}),
      };
      const fresh = !store.applied;
      const key = store.applied?.key ?? crypto.randomUUID();
      const result = await register(key, message);
      if (!result?.ok) {
        if (fresh && !result) forget(key);
        store.notice = i18n.t('apply.failed', { problem: result ? result.message : i18n.t('apply.noAnswer') });
        return 'failed';
      }
      // Only if nobody typed meanwhile: the tracked HTML was made from the draft as it was.
      if ((await read()) !== current) {
        if (fresh) forget(key);
        store.notice = i18n.t('send.editedMeanwhile');
        return 'failed';
      }
      const writtenAt = Date.now();
      write(result.value);
      const after = await read();
      if (!(await took(after, result.value))) {
        editor.setHtml(current);
        if (fresh) forget(key);
        store.refused = result.value.html;
        const back = (await read()) === current;
        store.notice = back ? i18n.t('apply.draftUnchanged') : i18n.t('apply.notRestored');
        return 'refused';
      }
      const tracked: Record<string, string> = {};
      for (const link of result.value.links) if (link.trackedUrl) tracked[link.trackedUrl] = link.url;
      store.applied = {
        key,
        messageId: result.value.id,
        tracked,
        ...(result.value.pixelUrl ? { pixelUrl: result.value.pixelUrl } : {}),
        before: store.applied?.before && draft === store.applied.before ? store.applied.before : fresh ? current : draft,
        after,
        links: Object.keys(tracked).length,
        at: writtenAt,
      };
      await rememberApplied(store.applied);
      return 'applied';
    } finally {
      store.applying = false;
    }
  }

  async function remove(): Promise<void> {
    const applied = store.applied;
    if (!applied || store.applying) return;
    store.applying = true;
    try {
      const current = await read();
      // Nothing edited since Apply: the draft exactly as the editor had it; else only Beacon's parts taken out.
      editor.setHtml(applied.after && current === applied.after ? applied.before : await untracked(current));
      store.applied = null;
      forget(applied.key);
      await rememberApplied(null);
    } finally {
      store.applying = false;
    }
  }

  return { apply, remove };
}

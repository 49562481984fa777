import { browser } from 'wxt/browser';

export type StyledEntrypoint = 'mail' | 'esp' | 'mailbox-card';

/** Content scripts' CSS is in content-scripts/; an unlisted script's (the mark's card, injected on use) in assets/. */
const PATHS: Record<StyledEntrypoint, string> = {
  mail: '/content-scripts/mail.css',
  esp: '/content-scripts/esp.css',
  'mailbox-card': '/assets/mailbox-card.css',
};

/**
 * The composer UI's styles, read by the extension itself: a content script may only fetch web-accessible files, and
 * making them web-accessible on every site an ESP could live on would expose them to all sites.
 */
export async function composerStyles(input: { entrypoint: StyledEntrypoint }): Promise<string> {
  const path = PATHS[input.entrypoint] as Parameters<typeof browser.runtime.getURL>[0] | undefined;
  if (!path) return '';
  const response = await fetch(browser.runtime.getURL(path));
  return response.ok ? response.text() : '';
}

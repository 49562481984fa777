import { browser } from 'wxt/browser';

export type StyledEntrypoint = 'mail' | 'esp';

/**
 * The composer UI's styles, read by the extension itself: a content script may only fetch web-accessible files, and
 * making them web-accessible on every site an ESP could live on would expose them to all sites.
 */
export async function composerStyles(input: { entrypoint: StyledEntrypoint }): Promise<string> {
  const path = `/content-scripts/${input.entrypoint}.css` as Parameters<typeof browser.runtime.getURL>[0];
  const response = await fetch(browser.runtime.getURL(path));
  return response.ok ? response.text() : '';
}

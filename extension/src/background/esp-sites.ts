import { browser } from 'wxt/browser';
import { espSitesItem } from '../utils/storage';

const ESP_SCRIPT_ID = 'beacon-esp';

/** `https://app.esp.example/x` -> `https://app.esp.example`; null unless http(s). */
export function siteOrigin(input: string): string | null {
  try {
    const url = new URL(input.trim().includes('://') ? input.trim() : `https://${input.trim()}`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Match pattern for an origin; Chrome match patterns cover every port when none is given. */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Adds a site the user enabled (the options page requests its host permission first, in the click). */
export async function addEspSite(input: string): Promise<string[]> {
  const origin = siteOrigin(input);
  if (!origin) throw new Error(`Not a web address: ${input}`);
  const sites = await espSitesItem.getValue();
  const next = sites.includes(origin) ? sites : [...sites, origin];
  await espSitesItem.setValue(next);
  await syncEspContentScripts();
  return next;
}

/** Removes a site and gives its host permission back. */
export async function removeEspSite(input: string): Promise<string[]> {
  const origin = siteOrigin(input);
  const next = (await espSitesItem.getValue()).filter((site) => site !== origin);
  await espSitesItem.setValue(next);
  if (origin) await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  await syncEspContentScripts();
  return next;
}

/** Registers the ESP content script for exactly the enabled sites whose permission is granted (editor bridges: editor-bridges.ts). */
export async function syncEspContentScripts(): Promise<void> {
  const sites = await espSitesItem.getValue();
  const granted: string[] = [];
  for (const site of sites) {
    const pattern = originPattern(site);
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [ESP_SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((script) => script.id) });
  if (!granted.length) return;
  await browser.scripting.registerContentScripts([
    { id: ESP_SCRIPT_ID, matches: granted, js: ['content-scripts/esp.js'], runAt: 'document_idle', persistAcrossSessions: true },
  ]);
}

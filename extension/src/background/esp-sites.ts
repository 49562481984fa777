import { browser } from 'wxt/browser';
import { espSitesItem, oneAtATime, serialized } from '../utils/storage';

const ESP_SCRIPT_ID = 'beacon-esp';
/** The options page may add or remove sites faster than storage and the scripting API answer: one change at a time. */
const sites = serialized(espSitesItem);
const oneSync = oneAtATime();

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
  const next = await sites.update((list) => (list.includes(origin) ? list : [...list, origin]));
  await syncEspContentScripts();
  return next;
}

/** Removes a site and gives its host permission back. */
export async function removeEspSite(input: string): Promise<string[]> {
  const origin = siteOrigin(input);
  const next = await sites.update((list) => list.filter((site) => site !== origin));
  if (origin) await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  await syncEspContentScripts();
  return next;
}

/** Registers the ESP content script for exactly the enabled sites whose permission is granted (editor bridges: editor-bridges.ts). */
export function syncEspContentScripts(): Promise<void> {
  // Two at once would both unregister, then both register the same script id: the second would fail.
  return oneSync(sync);
}

async function sync(): Promise<void> {
  const granted: string[] = [];
  for (const site of await sites.read()) {
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

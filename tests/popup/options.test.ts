import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { startTestCollector, type TestCollector } from '../support/collector';
import { signInThroughOptions } from '../support/options';

const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

let collector: TestCollector;
let browser: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchWithExtension({ localHosts: true });
  options = await signInThroughOptions(browser.context, browser.extensionId, collector.url, collector.token);
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

interface Chrome {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
}
const stored = (key: string) =>
  browser.serviceWorker.evaluate(async (k) => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(k))[k], key);
const registered = () => browser.serviceWorker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.scripting.getRegisteredContentScripts());

describe('options page', () => {
  it('says who is signed in, with role and workspace', async () => {
    expect(await options.getByTestId('signed-in').textContent()).toMatch(/rep@acme\.example.*Admin.*Acme Sales/s);
  });

  it('keeps the defaults for "Track opens" and "Track clicks" and the notifications switch', async () => {
    await options.getByLabel('Track clicks').uncheck();
    await expect.poll(() => stored('trackingDefaults')).toEqual({ trackOpens: true, trackClicks: false });
    await options.getByLabel(/Notify me when a message is opened/).uncheck();
    await expect.poll(() => stored('notificationsEnabled')).toBe(false);
    await options.reload();
    expect(await options.getByLabel('Track clicks').isChecked()).toBe(false);
    expect(await options.getByLabel('Track opens').isChecked()).toBe(true);
    expect(await options.getByLabel(/Notify me when a message is opened/).isChecked()).toBe(false);
  });

  it('adds an ESP site (its scripts registered there) and removes it', async () => {
    // The collector's own address: its permission is already granted, so no prompt blocks a headless browser.
    await options.getByLabel('Site address').fill(`${collector.url}/editor/42`);
    await options.getByRole('button', { name: 'Add site' }).click();
    await options.locator(`li[data-site="${collector.url}"]`).waitFor();
    // Editor bridges are not registered: they are injected only where their editor is.
    await expect.poll(async () => (await registered()).map((s) => s.id).sort()).toEqual(['beacon-esp']);
    await options.screenshot({ path: `${ARTIFACTS}/options.png`, fullPage: true });
    await options.getByRole('button', { name: `Remove ${collector.url}` }).click();
    await options.locator(`li[data-site="${collector.url}"]`).waitFor({ state: 'detached' });
    await expect.poll(registered).toEqual([]);
    expect(await stored('espSites')).toEqual([]);
  });

  it('adds and removes two sites asked for at once (two options tabs): both kept, one script for both', async () => {
    const ask = (beacon: 'addEspSite' | 'removeEspSite', site: string) =>
      options.evaluate(
        ([type, origin]) =>
          (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
            beacon: type,
            input: { origin },
          }),
        [beacon, site] as const,
      );
    // Both granted already: the collector's origin and another local one (the development build's local hosts).
    const sites = [collector.url, 'http://localhost:47199'];
    await Promise.all(sites.map((site) => ask('addEspSite', site)));
    expect(((await stored('espSites')) as string[]).sort()).toEqual([...sites].sort());
    await expect
      .poll(async () => (await registered()).map((s) => `${s.id} ${[...(s.matches ?? [])].sort().join(' ')}`))
      .toEqual([`beacon-esp ${['http://127.0.0.1/*', 'http://localhost/*'].sort().join(' ')}`]);
    await Promise.all(sites.map((site) => ask('removeEspSite', site)));
    expect(await stored('espSites')).toEqual([]);
    await expect.poll(registered).toEqual([]);
  });

  it('refuses something that is not a web address', async () => {
    await options.getByLabel('Site address').fill('ftp://files.example');
    await options.getByRole('button', { name: 'Add site' }).click();
    expect(await options.getByRole('alert').textContent()).toContain('is not a web address');
  });
});

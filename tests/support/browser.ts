import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { LOCAL_HOSTS } from '../../extension/manifest';

/** The production build, as the store package holds it. */
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../extension/.output/chrome-mv3');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** One of the extension's pages (`popup.html#/…`, `options.html` …) in a new tab of that width. */
  openPage(path: string, size?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * The local hosts a development build has: for suites whose ESP is a local page. A user grants an ESP site in the
   * options' permission prompt, which headless Chromium cannot answer; the code loaded is the production build's.
   */
  localHosts?: boolean;
  /** The browser's UI language (`es`, `de` ...): what the extension's strings and formats follow. */
  locale?: string;
}

/** The production build with the development build's local host permissions added to its manifest. */
async function withLocalHosts(into: string): Promise<string> {
  const dir = join(into, 'extension');
  await cp(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions = [...manifest.host_permissions, ...LOCAL_HOSTS];
  await writeFile(manifestPath, JSON.stringify(manifest));
  return dir;
}

/** Real Chromium with the built extension loaded (run `pnpm --filter @beacon/extension build` first). */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`Build the extension first: ${EXTENSION_DIR} is missing`);
  const profile = await mkdtemp(join(tmpdir(), 'beacon-chromium-'));
  const extensionDir = options.localHosts ? await withLocalHosts(profile) : EXTENSION_DIR;
  const context = await chromium.launchPersistentContext(join(profile, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    ...(options.locale ? { locale: options.locale } : {}),
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(options.locale ? [`--lang=${options.locale}`] : []),
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return {
    context,
    extensionId,
    serviceWorker,
    async openPage(path, size = { width: 1280, height: 800 }) {
      const page = await context.newPage();
      await page.setViewportSize(size);
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

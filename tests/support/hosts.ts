import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';

const FIXTURES = resolve(import.meta.dirname, '../../extension/src/hosts');
const SCRIPTS = resolve(import.meta.dirname, 'hosts');
/** Published editor packages (devDependencies of tests/), served to fixture pages at `/vendor/<package>/<file>`. */
const VENDOR = resolve(import.meta.dirname, '../node_modules');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.html': 'text/html',
};

/** What a fixture host actually sent: recorded by the page's own send handler, as the host would post it. */
export interface SentMessage {
  host: string;
  to: string[];
  subject: string;
  html: string;
  /** The page's clock (performance.now()) when the host sent it, where the host script records it. */
  at?: number;
  /** A scheduled send: when the host will send it (epoch ms), as the host itself chose it. */
  scheduledFor?: number;
}

export function fixture(path: string): string {
  return readFileSync(resolve(FIXTURES, path), 'utf8');
}

/** Scripts a host's script needs before it: Gmail's and Outlook's schedule dialogs share popups.js. */
const NEEDS: Record<string, string[]> = { 'gmail.js': ['popups.js'], 'outlook.js': ['popups.js'] };

export function hostScript(name: string): string {
  return [...(NEEDS[name] ?? []), name].map((file) => readFileSync(resolve(SCRIPTS, file), 'utf8')).join('\n');
}

/**
 * Serves `body` (a saved host DOM) plus the host's behaviour at `url`, `head` in its head (editor packages from
 * `/vendor/`), and collects what the page sends to `__sent` (relative to its own path). Returns the list it fills.
 */
export async function serveHost(context: BrowserContext, url: string, body: string, scripts: string[] = [], head = ''): Promise<SentMessage[]> {
  const sent: SentMessage[] = [];
  const origin = new URL(url).origin;
  await context.route(`${origin}/**`, async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    if (path === `${new URL(url).pathname}/__sent` && request.method() === 'POST') {
      sent.push(JSON.parse(request.postData() ?? '{}') as SentMessage);
      return route.fulfill({ status: 204 });
    }
    if (path.startsWith('/vendor/')) {
      const file = resolve(VENDOR, decodeURIComponent(path.slice('/vendor/'.length)));
      if (!file.startsWith(VENDOR) || !existsSync(file) || !statSync(file).isFile()) return route.fulfill({ status: 404 });
      return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    }
    if (path === new URL(url).pathname) {
      const html = `<!doctype html><html><head><meta charset="utf-8"><title>fixture</title>${head}</head><body>${body}${scripts
        .map((script) => `<script>${script}</script>`)
        .join('')}</body></html>`;
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    }
    return route.fallback(); // another fixture page on the same origin
  });
  return sent;
}

/** Waits until the page has sent `count` messages. */
export async function waitForSent(sent: SentMessage[], count = 1, timeoutMs = 10_000): Promise<SentMessage> {
  const until = Date.now() + timeoutMs;
  while (sent.length < count) {
    if (Date.now() > until) throw new Error(`The host sent ${sent.length} message(s), expected ${count}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return sent[count - 1]!;
}

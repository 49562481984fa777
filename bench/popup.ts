import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { registerAs, userToken } from '../tests/support/accounts.ts';
import { EXTENSION_DIR, launchWithExtension } from '../tests/support/browser.ts';
import { startTestCollector } from '../tests/support/collector.ts';
import { signInThroughOptions } from '../tests/support/options.ts';
import { median, p95, type BenchRow } from './table.ts';

/**
 * What the popup costs, on the built extension in real Chromium against a real local collector: its bundle (every
 * script, preload and stylesheet popup.html loads, and the chunks those load later; minified) and the first paint of
 * the recent-messages list (navigation start to the frame after the collector's page is rendered), with where that
 * time goes (the page parsed, the list requested and answered through the background).
 */
const TARGET = { bundleKB: 250, firstPaintMs: 300 };
const RUNS = 15;
const MESSAGES = 60; // three pages: the list paints its first 20

interface Timing {
  paint: number;
  parsed: number;
  requested: number;
  answered: number;
}

/** popup.html's own tags (names carry content hashes), then every chunk those load later (the reports are split off). */
function bundle(): { initial: string[]; all: Set<string> } {
  const html = readFileSync(join(EXTENSION_DIR, 'popup.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const all = new Set(initial);
  for (const file of all) {
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(EXTENSION_DIR, file), 'utf8');
    for (const m of code.matchAll(/"((?:chunks|assets)\/[\w.-]+\.(?:js|css))"|import\(`\.\/([\w.-]+\.js)`\)/g)) all.add(m[1] ?? `chunks/${m[2]}`);
  }
  return { initial, all };
}

function kB(files: Iterable<string>): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    raw += statSync(join(EXTENSION_DIR, file)).size;
    gzip += gzipSync(readFileSync(join(EXTENSION_DIR, file))).length;
  }
  return { raw: raw / 1000, gzip: gzip / 1000 };
}

const PAINTED = `new Promise((resolve) => {
  const look = () => {
    const mark = performance.getEntriesByName('beacon:messages-painted')[0];
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType('navigation')[0];
    if (mark && document.querySelectorAll('li.message').length === 20)
      resolve({ paint: mark.startTime, parsed: nav.domContentLoadedEventEnd, requested: at('beacon:messages-requested'), answered: at('beacon:messages-answered') });
    else setTimeout(look, 5);
  };
  look();
})`;

export async function benchPopup(): Promise<BenchRow[]> {
  const { initial, all } = bundle();
  const total = kB(all);
  const first = kB(initial);
  const rows: BenchRow[] = [
    {
      bench: 'popup',
      metric: `bundle, all ${all.size} files (minified JS + CSS) vs what loads before the list paints, KB`,
      value: `${total.raw.toFixed(1)} (${total.gzip.toFixed(1)} gzipped)`,
      baseline: `${first.raw.toFixed(1)} (${first.gzip.toFixed(1)} gzipped)`,
      ratio: (total.raw / first.raw).toFixed(2),
      target: `≤ ${TARGET.bundleKB} KB`,
      pass: total.raw <= TARGET.bundleKB,
    },
  ];

  const collector = await startTestCollector();
  const browser = await launchWithExtension();
  try {
    const token = await userToken(collector, 'budget@acme.example', 'rep');
    for (let i = 0; i < MESSAGES; i++) await registerAs(collector, token, { subject: `Budget message ${i}`, recipients: [{ email: `buyer${i}@example.com` }] });
    await (await signInThroughOptions(browser.context, browser.extensionId, collector.url, token)).close();

    const timings: Timing[] = [];
    let firstOpen = 0;
    for (let i = 0; i <= RUNS; i++) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 440, height: 600 });
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      const at = await page.evaluate<Timing>(PAINTED);
      await page.close();
      // Run 0 warms the disk cache and the service worker's first fetch.
      if (i > 0) timings.push(at);
      else firstOpen = at.paint;
    }
    const part = (f: (t: Timing) => number) => median(timings.map(f)).toFixed(1);
    const paint = median(timings.map((t) => t.paint));
    rows.push(
      {
        bench: 'popup',
        metric: `first paint of the recent-messages list, local collector, ms (median of ${RUNS}) vs the first open after sign-in`,
        value: `${paint.toFixed(1)}, p95 ${p95(timings.map((t) => t.paint)).toFixed(1)}`,
        baseline: firstOpen.toFixed(1),
        ratio: (paint / firstOpen).toFixed(2),
        target: `≤ ${TARGET.firstPaintMs} ms`,
        pass: paint <= TARGET.firstPaintMs,
      },
      {
        bench: 'popup',
        metric: 'first paint, medians, ms: page parsed / list requested / answered through the background / painted',
        value: `${part((t) => t.parsed)} / ${part((t) => t.requested)} / ${part((t) => t.answered)} / ${part((t) => t.paint)}`,
        baseline: '',
        ratio: '',
        target: '',
        pass: null,
      },
    );
  } finally {
    await browser.close();
    await collector.stop();
  }
  return rows;
}

/**
 * Measures the composer budgets on the built extension in real Chromium against a real local collector:
 * content script size (minified), toolbar visible after a composer appears, send delay added by tracking, and
 * Apply tracking on a 100-link campaign in the real ESP editors (apply-budget.ts).
 * Run: pnpm --filter @beacon/extension build && pnpm --filter @beacon/extension budgets
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension, EXTENSION_DIR } from '../../tests/support/browser.ts';
import { startTestCollector } from '../../tests/support/collector.ts';
import { fixture, hostScript, serveHost, waitForSent } from '../../tests/support/hosts.ts';
import { signInThroughOptions } from '../../tests/support/options.ts';
import { EDITOR_PAGES } from '../../tests/support/editor-pages.ts';
import { measureApply } from './apply-budget.ts';

const BUDGET = { contentScriptKiB: 150, toolbarMs: 100, sendDelayMs: 300, applyMs: 500 };
const RUNS = 15;

// Page-side code as strings: the TS loader would wrap named functions in helpers the page does not have.
const TOOLBAR_TIMING = `new Promise((resolve) => {
  const start = performance.now();
  const dialog = window.__openCompose('budget@example.com');
  const check = () => {
    const host = dialog.querySelector('beacon-toolbar');
    if (host && host.shadowRoot && host.shadowRoot.querySelector('[role="switch"]')) resolve(performance.now() - start);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;
const SEND_TIMING = `async (tracking) => {
  const dialog = window.__openCompose('budget@example.com');
  dialog.querySelector('[g_editable="true"]').innerHTML = '<div>Hi, see <a href="https://example.com/a">a</a> and <a href="https://example.com/b">b</a>.</div>';
  for (let i = 0; i < 100 && !dialog.querySelector('beacon-toolbar')?.shadowRoot?.querySelector('[role="switch"]'); i++) await new Promise((r) => setTimeout(r, 20));
  if (!dialog.querySelector('beacon-toolbar')) throw new Error('no toolbar in ' + document.querySelectorAll('beacon-toolbar').length);
  if (!tracking) for (const s of dialog.querySelector('beacon-toolbar').shadowRoot.querySelectorAll('[role="switch"]')) s.click();
  await new Promise((r) => requestAnimationFrame(r));
  const t = performance.now();
  dialog.querySelector('.aoO').click();
  return t;
}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
}
const rows: { budget: string; measured: string; limit: string; ok: boolean }[] = [];
function report(budget: string, value: number, limit: number, unit: string, detail = '') {
  rows.push({ budget, measured: `${value.toFixed(1)} ${unit}${detail}`, limit: `≤ ${limit} ${unit}`, ok: value <= limit });
}

for (const name of ['mail', 'esp']) {
  const bytes = statSync(join(EXTENSION_DIR, 'content-scripts', `${name}.js`)).size;
  report(`content script ${name}.js (minified)`, bytes / 1024, BUDGET.contentScriptKiB, 'KiB');
}

const collector = await startTestCollector();
// The local ESP page needs the local host permission a user grants an ESP site in the options (headless cannot answer that prompt).
const browser = await launchWithExtension({ localHosts: true });
try {
  const options = await signInThroughOptions(browser.context, browser.extensionId, collector.url, collector.token);
  const sent = await serveHost(browser.context, 'https://mail.google.com/mail/u/0/', fixture('gmail/fixtures/compose-en.html'), [hostScript('gmail.js')]);
  const page = await browser.context.newPage();
  await page.goto('https://mail.google.com/mail/u/0/');
  await page.getByRole('switch', { name: 'Track opens' }).first().waitFor();

  // Toolbar: from the composer's insertion to the first frame where its toolbar's buttons are rendered.
  const toolbar: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    toolbar.push(await page.evaluate<number>(TOOLBAR_TIMING));
  }
  report('toolbar visible after a composer appears', median(toolbar), BUDGET.toolbarMs, 'ms', ` median, p95 ${p95(toolbar).toFixed(1)} ms`);

  // Send delay: from the click on Send to the host's own send handler, with tracking and without.
  async function timeSend(tracking: boolean): Promise<number> {
    const before = sent.length;
    const start = await page.evaluate<number>(`(${SEND_TIMING})(${tracking})`);
    const message = await waitForSent(sent, before + 1);
    if (tracking !== message.html.includes(`${collector.url}/c/`)) throw new Error('the send was not what was asked');
    return message.at! - start;
  }
  const tracked: number[] = [];
  const untouched: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    tracked.push(await timeSend(true));
    untouched.push(await timeSend(false));
  }
  report(
    'send delay, tracked, local collector',
    median(tracked),
    BUDGET.sendDelayMs,
    'ms',
    ` median, p95 ${p95(tracked).toFixed(1)} ms (untracked send: ${median(untouched).toFixed(1)} ms)`,
  );

  // Apply on a 100-link campaign, in each real editor (the local ESP origin is enabled like a user's ESP site).
  await options.evaluate((origin) => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
    return chrome.runtime.sendMessage({ beacon: 'addEspSite', input: { origin } });
  }, 'http://localhost:47101');
  for (const [key, times] of Object.entries(await measureApply(browser, RUNS))) {
    report(`Apply, 100 links, ${EDITOR_PAGES[key]!.name}`, median(times), BUDGET.applyMs, 'ms', ` median, p95 ${p95(times).toFixed(1)} ms`);
  }
} finally {
  await browser.close();
  await collector.stop();
}

console.table(rows);
const failed = rows.filter((row) => !row.ok);
if (failed.length) {
  console.error(`Over budget: ${failed.map((row) => row.budget).join(', ')}`);
  process.exitCode = 1;
}

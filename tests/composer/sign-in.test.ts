import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from '../support/browser';
import { freePort, startTestCollector, type TestCollector } from '../support/collector';
import { fixture, hostScript, serveHost } from '../support/hosts';

let collector: TestCollector;
let browser: ExtensionBrowser;
beforeAll(async () => {
  collector = await startTestCollector();
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

describe('Signing in from the options page', () => {
  it('tells an unreachable collector from a wrong token, then signs in and the open composer follows', async () => {
    await serveHost(browser.context, 'https://mail.google.com/mail/u/0/', fixture('gmail/fixtures/compose-de.html'), [hostScript('gmail.js')]);
    const gmail = await browser.context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/');
    await gmail.getByText('Beacon: not signed in').waitFor();

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const url = options.getByLabel('Collector URL');
    const token = options.getByLabel('API token');
    const signIn = options.getByRole('button', { name: 'Sign in' });
    const alert = options.getByRole('alert');

    await url.fill(`http://127.0.0.1:${await freePort()}`);
    await token.fill(collector.token);
    await signIn.click();
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain('Collector unreachable');

    await url.fill(collector.url);
    await token.fill('bk_not-a-real-token');
    await signIn.click();
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain('Wrong API token');

    await token.fill(collector.token);
    await signIn.click();
    const who = options.getByTestId('signed-in');
    await expect.poll(() => who.textContent(), { timeout: 10_000 }).toContain('rep@acme.example');
    expect(await who.textContent()).toContain('Acme Sales');
    expect(await alert.count()).toBe(0);

    // The composer already open turns into a tracking toolbar without a reload.
    await expect.poll(() => gmail.getByRole('switch', { name: 'Track opens' }).count(), { timeout: 10_000 }).toBe(1);
  });
});

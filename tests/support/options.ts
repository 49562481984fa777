import type { BrowserContext } from 'playwright-core';

/**
 * Signs in the way a user does: the options page, its labelled fields and the "Sign in" button. Someone already
 * signed in is signed out first with the account card's "Sign out", as a user switching accounts would.
 */
export async function signInThroughOptions(context: BrowserContext, extensionId: string, collectorUrl: string, token: string) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await signOut.or(page.getByLabel('Collector URL')).first().waitFor();
  if (await signOut.isVisible()) await signOut.click();
  await page.getByLabel('Collector URL').fill(collectorUrl);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const outcome = page.getByTestId('signed-in').or(page.getByRole('alert'));
  // Generous: the first start of the service worker is slow on a loaded CI machine.
  await outcome.first().waitFor({ timeout: 30_000 });
  const text = (await outcome.first().textContent()) ?? '';
  if (!text.includes('Signed in as')) throw new Error(`sign-in failed: ${text}`);
  return page;
}

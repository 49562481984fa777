import type { Locator, Page } from 'playwright-core';

type Scope = Page | Locator;

/** Uses Beacon's Insert link dialog as a user does. */
export async function insertLink(
  page: Page,
  type: 'External link' | 'Unsubscription link' | 'Mirror page link',
  url?: string,
  text?: string,
  expression?: string,
  scope: Scope = page,
) {
  await scope.getByRole('button', { name: 'Insert link', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Insert link' });
  await dialog.getByLabel(type).check();
  if (url !== undefined) await dialog.getByLabel('URL').fill(url);
  if (expression) await dialog.getByRole('button', { name: expression }).click();
  if (text !== undefined) await dialog.getByLabel('Text').fill(text);
  await dialog.getByRole('button', { name: 'Insert', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Sets a URL's tracking type in the Links panel, then closes it. */
export async function setTracking(page: Page, url: string, type: 'tracked' | 'optout' | 'mirror' | 'never', scope: Scope = page) {
  await scope.getByRole('button', { name: 'Links', exact: true }).click();
  const select = page.getByLabel(`Tracking for ${url}`);
  await select.waitFor();
  await select.selectOption(type);
  await page.getByRole('dialog', { name: 'Links' }).getByRole('button', { name: 'Close' }).click();
}

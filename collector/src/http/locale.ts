/** The languages of the pages recipients see (unsubscribe, mirror errors, not found). */
export const PAGE_LOCALES = ['en', 'es', 'de', 'fr'] as const;
export type PageLocale = (typeof PAGE_LOCALES)[number];

const isPageLocale = (tag: string): tag is PageLocale => (PAGE_LOCALES as readonly string[]).includes(tag);

/**
 * The recipient's language from their browser's Accept-Language (`de-CH,de;q=0.9,en;q=0.8`): the one of ours they
 * rank highest, English when none. Reads at most 32 entries of the first 1,024 characters: it is anyone's input.
 */
export function pickLocale(acceptLanguage: string | null | undefined): PageLocale {
  let best: PageLocale = 'en';
  let bestQ = 0;
  for (const range of (acceptLanguage ?? '').slice(0, 1024).split(',', 32)) {
    const [tag = '', ...params] = range.split(';');
    const language = tag.trim().split('-', 1)[0]!.toLowerCase();
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = weight === undefined ? 1 : Number(weight.slice(2));
    if (isPageLocale(language) && q > bestQ && q <= 1) [best, bestQ] = [language, q];
  }
  return best;
}

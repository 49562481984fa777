// @vitest-environment node
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMessagesFile, type ParsedMessage } from '@wxt-dev/i18n/build';

const dir = new URL('.', import.meta.url).pathname;
const LOCALES = ['en', 'es', 'de', 'fr'];

/** What a translation must keep from English: its key, its kind and the values it is given. */
function shapes(messages: ParsedMessage[]): Record<string, string> {
  return Object.fromEntries(messages.map((m) => [m.key.join('.'), `${m.type} $${m.substitutions} {${[...m.namedSubstitutions].sort().join(',')}}`]));
}

const load = async (locale: string) => parseMessagesFile(`${dir}${locale}.yml`);

describe('locales', () => {
  it('are English, Spanish, German and French, English first', () => {
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.yml'))
        .map((f) => f.replace('.yml', ''))
        .sort(),
    ).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES.slice(1))('%s has every English key, with the same placeholders and plural forms, and nothing else', async (locale) => {
    expect(shapes(await load(locale))).toEqual(shapes(await load('en')));
  });

  it.each(LOCALES)('%s has no empty message', async (locale) => {
    const empty = (await load(locale)).filter((m) => (m.type === 'plural' ? Object.values(m.plurals) : [m.message]).some((text) => !text.trim()));
    expect(empty.map((m) => m.key.join('.'))).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/database.ts';
import { startTestCollector, type TestCollector } from '../../test/support/collector.ts';

/** The pages a recipient reaches from a message speak their browser's language (over real HTTP, as a browser asks). */
describe('recipient pages in the recipient’s language', () => {
  let t: TestCollector;
  beforeAll(async () => {
    t = await startTestCollector(BACKENDS[0]!);
  });
  afterAll(() => t?.stop());

  const get = (path: string, language: string, init: RequestInit = {}) =>
    t.request(path, { ...init, headers: { 'accept-language': language, ...(init.headers as Record<string, string>) } });
  const langOf = async (res: Response) => ({
    status: res.status,
    header: res.headers.get('content-language'),
    html: /<html lang="([a-z]+)">/.exec(await res.text())?.[1],
  });

  it('unsubscribe: asks in German, thanks in Spanish, and says "already" in French', async () => {
    const m = await t.send(t.admin.token, { html: '<p>hi</p>', recipients: [{ email: 'ines@example.com' }] });
    const ask = await get(t.path(m.unsubscribeUrl), 'de-CH,de;q=0.9,en;q=0.8');
    expect(ask.headers.get('content-language')).toBe('de');
    expect(ask.headers.get('vary')).toBe('Accept-Language');
    const page = await ask.text();
    expect(page).toContain('<html lang="de">');
    expect(page).toContain('Von den E-Mails von My workspace abmelden?');
    expect(page).toContain('<button type="submit">Abmelden</button>');
    expect(page).toContain('Adresse: <strong>i•••@example.com</strong>');

    const done = await get(t.path(m.unsubscribeUrl), 'es-ES,es;q=0.9', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(await done.text()).toContain('<h1>Te has dado de baja</h1><p>Ya no recibirás estos correos de My workspace.</p>');
    await t.flush();
    expect(await (await get(t.path(m.unsubscribeUrl), 'fr')).text()).toContain('Vous êtes déjà désinscrit');
  });

  it('asks a shared link’s visitor for their address in their language, and says when it is missing', async () => {
    const m = await t.send(t.admin.token, { html: '<p>hi</p>', recipients: [{ email: 'a@example.com' }, { email: 'b@example.com' }] });
    expect(await (await get(t.path(m.unsubscribeUrl), 'fr-FR')).text()).toContain('<label for="email">Votre adresse e-mail</label>');
    const missing = await get(t.path(m.unsubscribeUrl), 'es', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=nope',
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Escribe la dirección de correo que quieres dar de baja.');
  });

  it('not found and expired pages, on every route, and English for any other language', async () => {
    expect(await langOf(await get('/c/not-a-token', 'fr'))).toEqual({ status: 404, header: 'fr', html: 'fr' });
    expect(await (await get('/c/not-a-token', 'fr')).text()).toContain('<h1>Lien introuvable</h1>');
    expect(await langOf(await get('/u/not-a-token', 'de'))).toEqual({ status: 404, header: 'de', html: 'de' });
    expect(await langOf(await get('/m/not-a-token', 'es'))).toEqual({ status: 404, header: 'es', html: 'es' });
    expect(await langOf(await get('/nothing/here', 'es'))).toEqual({ status: 404, header: 'es', html: 'es' });
    expect(await langOf(await get('/c/not-a-token', 'ja,zh;q=0.8'))).toEqual({ status: 404, header: 'en', html: 'en' });
    const m = await t.send(t.admin.token, { html: '<p>hi</p>' });
    t.clock.advance(91 * 86_400_000);
    const expired = await get(t.path(m.mirrorUrl), 'de');
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('<h1>Diese Nachricht ist abgelaufen</h1>');
    t.clock.advance(-91 * 86_400_000);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigner, type TrackToken } from './token.ts';

const signer = createSigner('s'.repeat(40));
const base = { workspaceId: randomUUID(), messageId: randomUUID(), sentAt: 1_900_000_000_000 };

describe('tracking tokens', () => {
  it('round-trip every kind with its fields', () => {
    const cases: TrackToken[] = [
      { ...base, kind: 'open', recipient: 0 },
      { ...base, kind: 'click', link: 3, destination: 'https://shop.example/ü?x={{0}}#top' },
      { ...base, kind: 'optout', link: 200, recipient: 7 },
      { ...base, kind: 'mirror-link', link: 0 },
      { ...base, kind: 'mirror' },
      { ...base, kind: 'unsubscribe', recipient: 999_999 },
    ];
    for (const t of cases) expect(signer.verify(signer.sign(t), [t.kind])).toEqual(t);
  });

  it('are compact: an open pixel token is 72 characters', () => {
    expect(signer.sign({ ...base, kind: 'open' })).toHaveLength(72);
  });

  it('only verify for the kinds the route accepts', () => {
    const s = signer.sign({ ...base, kind: 'mirror' });
    expect(signer.verify(s, ['open', 'click'])).toBeNull();
  });

  it('refuse every single-character change, truncation and extension', () => {
    const s = signer.sign({ ...base, kind: 'click', link: 1, destination: 'https://a.example/' });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < s.length; i++) {
      for (const ch of [alphabet[(alphabet.indexOf(s[i]!) + 1) % 64]!, alphabet[(alphabet.indexOf(s[i]!) + 33) % 64]!]) {
        expect(signer.verify(s.slice(0, i) + ch + s.slice(i + 1), ['click'])).toBeNull();
      }
    }
    for (let n = 0; n < s.length; n++) expect(signer.verify(s.slice(0, n), ['click'])).toBeNull();
    expect(signer.verify(`${s}A`, ['click'])).toBeNull();
    expect(signer.verify(`${s}=`, ['click'])).toBeNull();
  });

  it('refuse tokens signed with another secret, garbage and oversize input', () => {
    const other = createSigner('o'.repeat(40)).sign({ ...base, kind: 'open' });
    expect(signer.verify(other, ['open'])).toBeNull();
    for (const junk of ['', 'x', '../../etc/passwd', '%00', 'A'.repeat(100), 'A'.repeat(20_000), 'é'.repeat(50)]) {
      expect(signer.verify(junk, ['open', 'click', 'mirror', 'unsubscribe'])).toBeNull();
    }
  });
});

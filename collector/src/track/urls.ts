import type { TokenSigner, TrackToken } from './token.ts';

/** The public URLs of a message's tracking endpoints. */
export function trackingUrls(publicUrl: string, signer: TokenSigner, base: Omit<TrackToken, 'kind' | 'link' | 'destination'>) {
  const sign = (t: Partial<TrackToken> & Pick<TrackToken, 'kind'>) => signer.sign({ ...base, ...t });
  return {
    pixel: () => `${publicUrl}/o/${sign({ kind: 'open' })}.gif`,
    click: (link: number, destination: string) => `${publicUrl}/c/${sign({ kind: 'click', link, destination })}`,
    /** To `destination` when it is the brand's own opt-out page, else to Beacon's unsubscribe page. */
    optoutLink: (link: number, destination?: string) =>
      `${publicUrl}/c/${sign(destination ? { kind: 'optout', link, destination } : { kind: 'optout', link })}`,
    mirrorLink: (link: number) => `${publicUrl}/c/${sign({ kind: 'mirror-link', link })}`,
    mirror: () => `${publicUrl}/m/${sign({ kind: 'mirror' })}`,
    unsubscribe: () => `${publicUrl}/u/${sign({ kind: 'unsubscribe' })}`,
  };
}

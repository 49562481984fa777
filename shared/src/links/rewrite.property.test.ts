import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PIXEL_FORMS, TRACKING_TYPES, type TrackingType } from '../api/common.ts';
import { pixelMarkup } from './pixel.ts';
import { planLinks } from './plan.ts';
import { rewriteLinks } from './rewrite.ts';
import { scanLinks } from './scan.ts';
import { htmlArb } from './testing/arbitrary-html.ts';
import { parse5Links } from './testing/parse5-oracle.ts';
import type { LinkScan, PlannedLink } from './types.ts';

const RUNS = 3000;
/** About a second per property on an idle machine; the limit only absorbs a busy one. */
const TIMEOUT = { timeout: 30_000 };
const never = (scan: LinkScan): PlannedLink[] => scan.unique.map((u) => ({ ...u, type: 'never' }));
/** Tracked URLs with every character that needs escaping, a merge tag with spaces, and a comment end. */
const tracker = (i: number) => `https://t.beacon.test/c/${i}?m0={{ contact.email }}&x="q'<>--><!--`;

/** Input and output with the href values of rewritten links cut out (for a bare or unquoted value, the quotes and `=` the rewrite added). */
function withoutRewrittenValues(input: string, output: string, before: LinkScan, after: LinkScan, rewritten: Set<number>) {
  let a = input;
  let b = output;
  for (const i of [...rewritten].sort((x, y) => y - x)) {
    const was = before.links[i]!;
    const now = after.links[i]!;
    a = a.slice(0, was.valueStart) + a.slice(was.valueEnd);
    const added = was.quote === '' ? (was.raw === '' && !/=\s*$/.test(input.slice(0, was.valueStart)) ? 2 : 1) : 0;
    b = b.slice(0, now.valueStart - added) + b.slice(now.valueEnd + (added ? 1 : 0));
  }
  return [a, b];
}

describe('rewriteLinks on generated HTML', TIMEOUT, () => {
  it('returns the input unchanged when every link is never', () => {
    fc.assert(
      fc.property(htmlArb, (html) => {
        const scan = scanLinks(html);
        expect(rewriteLinks(html, scan, never(scan), { trackedUrl: () => 'https://t.test/' })).toBe(html);
      }),
      { numRuns: RUNS },
    );
  });

  it('changes only the href values of rewritten links, which then read as the tracked URL', () => {
    const types = fc.array(fc.constantFrom<TrackingType>(...TRACKING_TYPES), { minLength: 40, maxLength: 40 });
    fc.assert(
      fc.property(htmlArb, types, (html, picks) => {
        const before = scanLinks(html);
        const plan = before.unique.map((u, i) => ({ ...u, type: picks[i % picks.length]! }));
        const calls: string[] = [];
        const output = rewriteLinks(html, before, plan, {
          trackedUrl: (p) => tracker(calls.push(p.url)),
        });
        const after = scanLinks(output);
        const typeOf = new Map(plan.map((p) => [p.url, p.type]));
        const rewritten = new Set(before.links.filter((l) => typeOf.get(l.url) !== 'never').map((l) => l.index));
        expect(new Set(calls).size).toBe(calls.length); // once per distinct URL
        expect(after.links.map((l) => l.element)).toEqual(before.links.map((l) => l.element));
        after.links.forEach((l, i) => {
          const was = before.links[i]!;
          expect(l.url).toBe(rewritten.has(i) ? tracker(calls.indexOf(was.url) + 1) : was.url);
        });
        const [a, b] = withoutRewrittenValues(html, output, before, after, rewritten);
        expect(b).toBe(a);
      }),
      { numRuns: RUNS },
    );
  });

  it('adds the pixel, in the form asked, before </body> or at the end, and nothing else', () => {
    const pixelUrl = 'https://t.beacon.test/o/px&"<>.gif';
    fc.assert(
      fc.property(htmlArb, fc.constantFrom(...PIXEL_FORMS), (html, pixelForm) => {
        const scan = scanLinks(html);
        const plan = planLinks(scan, { trackClicks: true });
        const trackedUrl = (p: PlannedLink) => tracker(p.url.length);
        const bare = rewriteLinks(html, scan, plan, { trackedUrl });
        const output = rewriteLinks(html, scan, plan, { trackedUrl, pixelUrl, pixelForm });
        const markup = pixelMarkup(pixelUrl, pixelForm, scan.hasImage);
        const at = output.lastIndexOf(markup);
        expect(output.slice(0, at) + output.slice(at + markup.length)).toBe(bare);
        if (scan.bodyCloseAt === null) expect(at + markup.length).toBe(output.length);
        else expect(output.slice(at + markup.length, at + markup.length + 6).toLowerCase()).toBe('</body');
        expect(scanLinks(output).links.map((l) => l.url)).toEqual(scanLinks(bare).links.map((l) => l.url));
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws, on generated HTML or on any string at all', () => {
    const run = (html: string, trackClicks: boolean) => {
      const scan = scanLinks(html);
      const plan = planLinks(scan, { trackClicks, isOwnUrl: (u) => u.includes('beacon') });
      rewriteLinks(html, scan, plan, { trackedUrl: (p) => `https://t.test/${p.url.length}`, pixelUrl: 'https://t.test/o' });
    };
    fc.assert(
      fc.property(fc.oneof(htmlArb, fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })), fc.boolean(), run),
      {
        numRuns: RUNS,
      },
    );
  });
});

describe('scanLinks agrees with a spec-compliant parser (parse5)', TIMEOUT, () => {
  it('finds the same a[href] and area[href] outside Outlook comments, with the same values and spans', () => {
    fc.assert(
      fc.property(htmlArb, (html) => {
        const ours = scanLinks(html).links.filter((l) => !l.inMso && (l.element === 'a' || l.element === 'area'));
        const theirs = parse5Links(html);
        expect(ours.map((l) => [l.element, l.url])).toEqual(theirs.map((l) => [l.element, trim(l.value)]));
        ours.forEach((l, i) => {
          expect(l.valueStart).toBeGreaterThanOrEqual(theirs[i]!.attrStart);
          expect(l.valueEnd).toBeLessThanOrEqual(theirs[i]!.attrEnd);
        });
      }),
      { numRuns: RUNS },
    );
  });
});

function trim(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the URL standard strips exactly these C0 controls and spaces.
  return url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

import type { PixelForm, TrackingType } from '../api/common.ts';

export type { PixelForm, TrackingType };

/** What an href points at. `other` = any other scheme, a relative URL, or no recognisable scheme at all. */
export type LinkKind = 'http' | 'mailto' | 'tel' | 'sms' | 'fragment' | 'javascript' | 'data' | 'empty' | 'merge-tag' | 'unsubscribe' | 'mirror' | 'other';

export interface ScannedLink {
  /** Document order, from 0. */
  index: number;
  /** Exact source span of the href value (inside the quotes). */
  valueStart: number;
  valueEnd: number;
  quote: '"' | "'" | '';
  /** `html.slice(valueStart, valueEnd)`. */
  raw: string;
  /** As a browser reads it: entities decoded, surrounding whitespace trimmed. */
  url: string;
  kind: LinkKind;
  /** Lowercase element name: `a`, `area`, `v:roundrect`, `v:rect` ... */
  element: string;
  /** Visible text (tags stripped, entities decoded, whitespace collapsed); an image's alt when there is no text. */
  label: string;
  /** Inside `<!--[if mso]> … <![endif]-->`: only Outlook for Windows renders it. */
  inMso: boolean;
}

export interface UniqueLink {
  url: string;
  kind: LinkKind;
  count: number;
}

export interface LinkScan {
  links: ScannedLink[];
  /** One entry per distinct `url`, in first-occurrence order. */
  unique: UniqueLink[];
  /** Offset of the last `</body>`, where the open pixel goes; null for a fragment. */
  bodyCloseAt: number | null;
  /** An `<img>` outside comments (Outlook-only ones included) and raw text: the message already shows an image. */
  hasImage: boolean;
}

export interface PlannedLink {
  url: string;
  kind: LinkKind;
  count: number;
  type: TrackingType;
  /** Why the link is `never`, for the Links panel. */
  reason?: string;
}

export interface PlanOptions {
  trackClicks: boolean;
  /** Per-URL choice of the sender; untrackable URLs stay `never` whatever is asked. */
  overrides?: Record<string, TrackingType>;
  /** True when the URL already points at this collector. */
  isOwnUrl?: (url: string) => boolean;
}

export interface RewriteOptions {
  /** Called once per distinct rewritten URL; returns the URL to write into the href. */
  trackedUrl: (link: PlannedLink) => string;
  /** When set, an open pixel is inserted before `</body>` (or appended to a fragment). */
  pixelUrl?: string;
  /** How the pixel is written (pixel.ts); `auto` when absent. */
  pixelForm?: PixelForm;
}

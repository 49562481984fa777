import {
  MAX_LINK_URL_CHARS,
  MAX_LINKS,
  type CreateMessageRequestSchema,
  type CreateMessageResponse,
  type MessageLink,
  type Warning,
} from '@beacon/shared/api/messages';
import {
  normalizeTemplate,
  planLinks,
  REASONS,
  resolveExpressions,
  rewriteLinks,
  scanLinks,
  toTemplate,
  withRecipientTag,
  withTagParams,
  type ExpressionName,
  type LinkScan,
} from '@beacon/shared/links/index';
import { cutText } from '@beacon/shared/text';
import { fail } from '../http/errors.ts';
import type { z } from 'zod';
import type { trackingUrls } from '../track/urls.ts';

export type CreateMessage = z.output<typeof CreateMessageRequestSchema>;

export interface PreparedMessage {
  html: string;
  links: MessageLink[];
  pixelUrl: string | undefined;
  warnings: Warning[];
}

/**
 * The message as it will be sent: each tracked link's href replaced by its signed /c/ URL (Beacon's expressions
 * resolved first, ESP merge tags carried as `m0…` parameters, a list campaign's recipient tag as `r=`), optout and
 * mirror links by theirs, and the open pixel added. Only href values change; that is the link engine's promise.
 */
export function prepareMessage(req: CreateMessage, urls: ReturnType<typeof trackingUrls>, ctx: { publicUrl: string; senderEmail: string }): PreparedMessage {
  const scan = scanLinks(req.html);
  checkLimits(scan);
  const overrides = Object.fromEntries((req.links ?? []).map((l) => [l.url, l.type]));
  const plan = planLinks(scan, {
    trackClicks: req.trackClicks,
    overrides,
    isOwnUrl: (url) => url.startsWith(`${ctx.publicUrl}/`),
  });
  const values = expressionValues(req, ctx.senderEmail);
  const unresolved = new Set<ExpressionName>();
  const tracked = new Map<string, string>();
  const links: MessageLink[] = plan.map((p, i) => {
    const link: MessageLink = { url: p.url, type: p.type, count: p.count };
    if (p.reason) link.reason = p.reason;
    if (p.type === 'never') return link;
    if (p.type === 'mirror') link.trackedUrl = urls.mirrorLink(i);
    else if (p.kind === 'unsubscribe')
      link.trackedUrl = urls.optoutLink(i); // `{{unsubscribe_url}}`: Beacon's page
    else {
      // A tracked link, or the brand's own opt-out page: the redirect goes to the destination as browsers send it.
      const resolved = resolveExpressions(p.url, values);
      for (const name of resolved.unresolved) unresolved.add(name);
      const { template, tags } = toTemplate(resolved.url);
      const normalized = normalizeTemplate(template);
      if (normalized === null) return { url: p.url, type: 'never', count: p.count, reason: REASONS.invalid };
      // Percent-encoding makes a character up to 9: the destination travels in the link, which must stay usable.
      if (normalized.length > MAX_LINK_URL_CHARS) tooLong(p.url, normalized.length, 'once percent-encoded');
      const signed = p.type === 'optout' ? urls.optoutLink(i, normalized) : urls.click(i, normalized);
      link.trackedUrl = withRecipientTag(withTagParams(signed, tags), req.recipientTag);
    }
    tracked.set(p.url, link.trackedUrl);
    return link;
  });
  const pixelUrl = req.trackOpens ? withRecipientTag(urls.pixel(), req.recipientTag) : undefined;
  const html = rewriteLinks(req.html, scan, plan, { trackedUrl: (p) => tracked.get(p.url) ?? p.url, pixelUrl, pixelForm: req.pixelForm });
  return { html, links, pixelUrl, warnings: warnings(req, [...unresolved]) };
}

/** The answer to a registration (or an update) of message `id`. */
export function messageResponse(id: string, urls: ReturnType<typeof trackingUrls>, prepared: PreparedMessage): CreateMessageResponse {
  const body: CreateMessageResponse = {
    id,
    html: prepared.html,
    links: prepared.links,
    mirrorUrl: urls.mirror(),
    unsubscribeUrl: urls.unsubscribe(),
    warnings: prepared.warnings,
  };
  if (prepared.pixelUrl) body.pixelUrl = prepared.pixelUrl;
  return body;
}

function checkLimits(scan: LinkScan): void {
  if (scan.links.length > MAX_LINKS) {
    fail('payload_too_large', `html: ${scan.links.length} links; a message may have at most ${MAX_LINKS}`, 'html');
  }
  const long = scan.links.find((l) => l.url.length > MAX_LINK_URL_CHARS);
  if (long) tooLong(long.url, long.url.length);
}

function tooLong(url: string, length: number, how = ''): never {
  const what = `the link to ${cutText(url, 60)}…`;
  fail('validation_failed', `html: ${what} is ${length} characters long${how ? ` ${how}` : ''}; a link may have at most ${MAX_LINK_URL_CHARS}`, 'html');
}

function expressionValues(req: CreateMessage, senderEmail: string): Partial<Record<ExpressionName, string>> {
  const values: Partial<Record<ExpressionName, string>> = { 'sender.email': senderEmail, 'message.subject': req.subject };
  const only = req.recipients.length === 1 ? req.recipients[0] : undefined;
  if (only) {
    values['recipient.email'] = only.email;
    if (only.name) {
      values['recipient.name'] = only.name;
      values['recipient.firstName'] = only.name.trim().split(/\s+/)[0] ?? only.name;
    }
  }
  return values;
}

function warnings(req: CreateMessage, unresolved: ExpressionName[]): Warning[] {
  const out: Warning[] = [];
  if (unresolved.length > 0) {
    const names = unresolved.map((n) => `{{${n}}}`).join(', ');
    const why = req.recipients.length > 1 ? 'there are several recipients' : 'the value is not known';
    out.push({ code: 'unresolved_expression', message: `${names} left as written: ${why}` });
  }
  if (req.trackOpens && req.recipients.length > 1) {
    out.push({
      code: 'shared_pixel',
      message: `${req.recipients.length} recipients share one open pixel and one set of links: opens and clicks are counted per message, not per person`,
    });
  }
  return out;
}

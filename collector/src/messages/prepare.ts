import type { CreateMessageRequestSchema, CreateMessageResponse, MessageLink, Warning } from '@beacon/shared/api/messages';
import {
  planLinks,
  resolveExpressions,
  rewriteLinks,
  scanLinks,
  toTemplate,
  withRecipientTag,
  withTagParams,
  type ExpressionName,
} from '@beacon/shared/links/index';
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
export function prepareMessage(
  req: CreateMessage,
  urls: ReturnType<typeof trackingUrls>,
  ctx: { publicUrl: string; senderEmail: string },
): PreparedMessage {
  const scan = scanLinks(req.html);
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
    if (p.type === 'tracked') {
      const resolved = resolveExpressions(p.url, values);
      for (const name of resolved.unresolved) unresolved.add(name);
      const { template, tags } = toTemplate(resolved.url);
      link.trackedUrl = withRecipientTag(withTagParams(urls.click(i, template), tags), req.recipientTag);
    } else {
      link.trackedUrl = p.type === 'optout' ? urls.optoutLink(i) : urls.mirrorLink(i);
    }
    tracked.set(p.url, link.trackedUrl);
    return link;
  });
  const pixelUrl = req.trackOpens ? withRecipientTag(urls.pixel(), req.recipientTag) : undefined;
  const html = rewriteLinks(req.html, scan, plan, { trackedUrl: (p) => tracked.get(p.url) ?? p.url, pixelUrl });
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

export * from './types.ts';
export { scanLinks } from './scan.ts';
export { planLinks } from './plan.ts';
export { rewriteLinks } from './rewrite.ts';
export { classifyUrl } from './kinds.ts';
export { REASONS, trackingRefusal, isTrackableUrl } from './validate.ts';
export { findMergeTags, hasMergeTag, startsWithMergeTag, type FoundMergeTag } from './merge-tags.ts';
export {
  TAG_PARAM_PREFIX,
  toTemplate,
  tagParams,
  withTagParams,
  tagValuesFromQuery,
  slotCount,
  expandTemplate,
  normalizeTemplate,
  type UrlTemplate,
} from './template.ts';
export {
  EXPRESSIONS,
  EXPRESSION_TAGS,
  findExpressions,
  resolveExpressions,
  type ExpressionName,
  type FoundExpression,
  type ResolvedUrl,
} from './expressions.ts';
export { BEACON_PLACEHOLDERS } from './placeholders.ts';
export { RECIPIENT_PARAM, withRecipientTag, recipientFromQuery } from './recipient-tag.ts';
export { untrackHtml } from './untrack.ts';
export { normalizeHttpUrl, parseHttpUrl, parseUrl, type ParsedUrl } from './url.ts';

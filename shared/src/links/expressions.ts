import { encodeComponent } from './url.ts';

/** Beacon's personalization expressions, written `{{name}}` with no spaces (as in the platforms this follows). */
export const EXPRESSIONS = ['recipient.email', 'recipient.name', 'recipient.firstName', 'sender.email', 'message.subject'] as const;
export type ExpressionName = (typeof EXPRESSIONS)[number];

export const EXPRESSION_TAGS: readonly string[] = EXPRESSIONS.map((name) => `{{${name}}}`);

const EXPRESSION = new RegExp(`\\{\\{(${EXPRESSIONS.map((n) => n.replace('.', '\\.')).join('|')})\\}\\}`, 'g');

export interface FoundExpression {
  name: ExpressionName;
  start: number;
  end: number;
}

export function findExpressions(text: string): FoundExpression[] {
  if (!text.includes('{{')) return [];
  return [...text.matchAll(EXPRESSION)].map((m) => ({
    name: m[1] as ExpressionName,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export interface ResolvedUrl {
  url: string;
  /** Expressions with no value, each once, in order; they stay literally in `url`. */
  unresolved: ExpressionName[];
}

/** Replaces each expression in `url` by its value, percent-encoded; missing values are reported, not dropped. */
export function resolveExpressions(url: string, values: Partial<Record<string, string | undefined>>): ResolvedUrl {
  const unresolved: ExpressionName[] = [];
  const resolved = url.replace(EXPRESSION, (whole, name: ExpressionName) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value !== undefined) return encodeComponent(value);
    if (!unresolved.includes(name)) unresolved.push(name);
    return whole;
  });
  return { url: resolved, unresolved };
}

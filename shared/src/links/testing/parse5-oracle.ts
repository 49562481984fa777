import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export interface OracleLink {
  element: string;
  /** The href value as the DOM holds it (entities decoded, untrimmed). */
  value: string;
  /** Source span of the whole `href=…` attribute. */
  attrStart: number;
  attrEnd: number;
}

/**
 * The a[href] and area[href] elements of `html` as parse5, a spec-compliant HTML parser, builds them (scripting
 * off, as in mail clients), one per source tag, in source order. Test-only: the reference the scanner is held to.
 */
export function parse5Links(html: string): OracleLink[] {
  const found = new Map<number, OracleLink>();
  const visit = (node: Node): void => {
    if ('tagName' in node) collect(node, found);
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
    if ('content' in node && node.content) visit(node.content as Node);
  };
  visit(parse(html, { sourceCodeLocationInfo: true, scriptingEnabled: false }));
  return [...found.values()].sort((a, b) => a.attrStart - b.attrStart);
}

function collect(element: Element, found: Map<number, OracleLink>): void {
  if (element.tagName !== 'a' && element.tagName !== 'area') return;
  const href = element.attrs.find((a) => a.name === 'href' && !a.prefix);
  const location = element.sourceCodeLocation?.attrs?.['href'];
  // Elements the tree builder clones (reconstructed formatting elements) have no location of their own.
  if (!href || !location) return;
  found.set(location.startOffset, {
    element: element.tagName,
    value: href.value,
    attrStart: location.startOffset,
    attrEnd: location.endOffset,
  });
}

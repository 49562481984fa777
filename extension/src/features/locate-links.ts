import type { Editor } from '../hosts/types';
import { anchorsFor, type ScanLinks } from './link-edits';

export interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
  current: boolean;
}

/** Viewport offset of an element's document (a rich editor iframe sits inside the page). */
function frameOffset(doc: Document): { top: number; left: number } {
  const frame = doc.defaultView?.frameElement;
  if (!frame) return { top: 0, left: 0 };
  const rect = frame.getBoundingClientRect();
  const parent = frameOffset(frame.ownerDocument);
  return { top: rect.top + parent.top + frame.clientTop, left: rect.left + parent.left + frame.clientLeft };
}

/**
 * Scrolls occurrence `index` of `url` into view and returns boxes around every occurrence to highlight.
 * Source editors select the occurrence's address instead (their text has no boxes).
 */
export async function locateLink(editor: Editor, url: string, index: number, scan: ScanLinks): Promise<{ boxes: Box[]; count: number }> {
  if (editor.isSource) {
    const links = (await scan(editor.getHtml())).filter((link) => link.url === url);
    const link = links[index % Math.max(links.length, 1)];
    if (link && editor.selectSource) {
      editor.selectSource(link.valueStart, link.valueEnd);
    } else if (link && editor.element instanceof HTMLTextAreaElement) {
      editor.element.focus();
      editor.element.setSelectionRange(link.valueStart, link.valueEnd);
    }
    return { boxes: [], count: links.length };
  }
  const anchors = anchorsFor(editor.element, url);
  const current = anchors[index % Math.max(anchors.length, 1)];
  current?.scrollIntoView({ block: 'center', inline: 'nearest' });
  const offset = frameOffset(editor.element.ownerDocument);
  const boxes = anchors.flatMap((anchor) =>
    [...anchor.getClientRects()].map((rect) => ({
      top: rect.top + offset.top,
      left: rect.left + offset.left,
      width: rect.width,
      height: rect.height,
      current: anchor === current,
    })),
  );
  return { boxes, count: anchors.length };
}

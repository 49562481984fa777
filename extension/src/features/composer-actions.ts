import type { InjectionKey } from 'vue';
import type { Caret, Editor } from '../hosts/types';
import { linkMarkup, type InsertKind } from './link-markup';
import { describeLink, editLink, type LinkEdit, type ScanLinks } from './link-edits';
import { locateLink, type Box } from './locate-links';
import type { TrackingApplier } from './apply-tracking';

/** What the composer's components may do to the host page; implemented over the composer's editor. */
export interface ComposerActions {
  /** Remember the caret before our UI takes focus. */
  saveCaret(): void;
  insertLink(kind: InsertKind, url: string, text: string): void;
  describeLink(url: string): Promise<{ text: string; underline: boolean; editableText: boolean }>;
  editLink(from: string, edit: LinkEdit): Promise<void>;
  locate(url: string, index: number): Promise<{ boxes: Box[]; count: number }>;
  /** ESP composers: track the draft in place, or put it back. */
  applyTracking(): Promise<void>;
  removeTracking(): Promise<void>;
}

export const composerActionsKey: InjectionKey<ComposerActions> = Symbol('composer-actions');

/**
 * After an insertion the user goes on writing (or undoes it): the editor has the focus, not Beacon's toolbar. Most
 * editors take it as they insert; one written through its model (GrapesJS) does not, so its frame is focused.
 */
function keepWriting(element: HTMLElement): void {
  const doc = element.ownerDocument;
  if (doc.defaultView?.frameElement) {
    if (!doc.hasFocus()) doc.defaultView.focus();
  } else if (!element.contains(doc.activeElement)) element.focus();
}

export function createComposerActions(editor: Editor, scan: ScanLinks, tracking?: TrackingApplier): ComposerActions {
  let caret: Caret | null = null;
  return {
    saveCaret: () => void (caret = editor.saveCaret()),
    insertLink(kind, url, text) {
      editor.insertHtml(caret ?? editor.saveCaret(), linkMarkup(kind, url, text));
      caret = null;
      keepWriting(editor.element);
    },
    describeLink: (url) => describeLink(editor, url, scan),
    editLink: (from, edit) => editLink(editor, from, edit, scan),
    locate: (url, index) => locateLink(editor, url, index, scan),
    applyTracking: async () => void (await tracking?.apply({ ask: true })),
    removeTracking: async () => tracking?.remove(),
  };
}

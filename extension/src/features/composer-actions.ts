import type { InjectionKey } from 'vue';
import type { InsertKind } from './link-markup';
import type { LinkEdit } from './link-edits';
import type { Box } from './locate-links';

/** What the composer's components may do to the host page; the session implements it over the adapter. */
export interface ComposerActions {
  /** Remember the caret before our UI takes focus. */
  saveCaret(): void;
  insertLink(kind: InsertKind, url: string, text: string): void;
  describeLink(url: string): Promise<{ text: string; underline: boolean; editableText: boolean }>;
  editLink(from: string, edit: LinkEdit): Promise<void>;
  locate(url: string, index: number): Promise<{ boxes: Box[]; count: number }>;
}

export const composerActionsKey: InjectionKey<ComposerActions> = Symbol('composer-actions');

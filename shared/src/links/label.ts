const MAX_LABEL = 200;
/** Gathered text beyond this is never shown, so collecting stops there. */
const MAX_COLLECTED = 2000;

/** Visible text of one link, gathered from text events while the link's element is open. */
export interface LabelDraft {
  text: string;
  alt: string;
}

export function newLabel(): LabelDraft {
  return { text: '', alt: '' };
}

export function addText(draft: LabelDraft, text: string): void {
  if (draft.text.length < MAX_COLLECTED) draft.text += text;
}

/** Whitespace collapsed and trimmed; an image's alt when there is no text; cut to a length a panel can show. */
export function finishLabel(draft: LabelDraft): string {
  const text = collapse(draft.text) || collapse(draft.alt);
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

export function collapse(text: string): string {
  return /\s\s|[^\S ]/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

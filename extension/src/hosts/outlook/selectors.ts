/**
 * Outlook on the web (outlook.office.com, outlook.office365.com, outlook.live.com): compose form in the reading
 * pane and in popped-out windows. Found by structure and roles; labels are translated.
 */
export const outlookSelectors = {
  /** The message body editor (`editorParent_N` wraps each composer's body). */
  body: '[id^="editorParent"] div[contenteditable="true"][role="textbox"], div[contenteditable="true"][role="textbox"][aria-multiline="true"]',
  /** Send: the primary button of the compose command bar. */
  sendButton: 'button[data-testid="ComposeSendButton"], button.ms-Button--primary',
  /** Recipient wells (To, Cc, Bcc) are single-line textboxes holding the recipient pills. */
  recipientWells: 'div[role="textbox"]:not([aria-multiline="true"])',
  /** Pills carry the address in their hover target or title; typed text may hold addresses too. */
  recipientPills: '[data-lpc-hover-target-id], span[title*="@"]',
  subject: 'input.ms-TextField-field[maxlength="255"], input[maxlength="255"]',
} as const;

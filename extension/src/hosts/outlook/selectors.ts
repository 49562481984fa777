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
  /**
   * Send later (the arrow beside Send → Schedule send): a dialog of ready-made times ("Tomorrow morning  Tue 8:00
   * AM"); "Custom time" shows none and opens a date picker, a time combo box and the dialog's primary Send. Fluent
   * UI layers, outside the composer. See fixtures/schedule-*.html.
   */
  schedule: {
    preset: '[role="dialog"] [role="menuitem"]',
    confirm: '[role="dialog"] button.ms-Button--primary',
    fields: '.ms-DatePicker input, .ms-ComboBox input',
  },
  /** "Cancel send" in the info bar of a scheduled message open in the reading pane, and that pane. */
  scheduledCancel: '.ms-MessageBar button',
  scheduledMessage: '#ReadingPaneContainerId',
} as const;

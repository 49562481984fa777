/**
 * Gmail compose DOM, found by structure and roles only: aria-labels and tooltips are translated
 * (`Message Body` / `Nachrichtentext`, `Send` / `Senden`). Each selector is proven by the fixtures beside it.
 */
export const gmailSelectors = {
  /** The rich body of every composer (new message dialog, pop-out, inline reply). */
  body: 'div[g_editable="true"][contenteditable="true"][role="textbox"], div.Am.editable[contenteditable="true"]',
  /** The bottom bar holding Send, formatting and attachments; its nearest common ancestor with the body is the composer. */
  bottomBar: 'tr.btC',
  /** Send: the primary button of the bar's first cell, not the "more send options" arrow. */
  sendButton: 'tr.btC td.Up div[role="button"].aoO, tr.btC td.Up div[role="button"]:not([aria-haspopup="true"])',
  /** The toolbar goes in a cell of its own right after Send's cell. */
  sendCell: 'tr.btC td.Up',
  subject: 'input[name="subjectbox"]',
  /** Recipient chips: `data-hovercard-id` (current UI) or `span[email]` (older UI). */
  recipientChips: '[data-hovercard-id*="@"], span[email]',
  /** Addresses typed but not yet turned into chips. */
  recipientInputs:
    'textarea[name="to"], textarea[name="cc"], textarea[name="bcc"], input[name="to"]:not([type="hidden"]), input[name="cc"]:not([type="hidden"]), input[name="bcc"]:not([type="hidden"])',
  /**
   * Schedule send (the arrow beside Send → Schedule send): a dialog of ready-made times, each showing its time in
   * `.Ay`, and "Pick date & time", which shows none and opens the picker: date and time fields, and its own
   * Schedule send (the dialog's `ok` action). All in the page, outside the composer. See fixtures/schedule-*.html.
   */
  schedule: {
    preset: '[role="dialog"] [role="menu"] [role="menuitem"]',
    presetTime: '.Ay',
    confirm: '[role="dialog"] button[data-mdc-dialog-action="ok"]',
    fields: 'input[jsname="YPqjbf"]',
  },
  /** The toast's Undo right after a send or a scheduling. */
  undo: '#link_undo',
  /** "Cancel send" in the banner of an open scheduled message, and the thread holding that message's body. */
  scheduledCancel: '[role="alert"] [role="button"]',
  scheduledMessage: 'div.nH.aHU',
} as const;

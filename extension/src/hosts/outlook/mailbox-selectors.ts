/**
 * Outlook on the web's Sent Items list and reading pane, by roles, ids and data attributes (labels and class names
 * change; `data-convid` and `SentReceivedSavedTime` have stayed). Proven by fixtures/sent-items-*.html beside them.
 */
export const outlookMailboxSelectors = {
  /** A conversation row of the message list; its conversation id. */
  row: 'div[role="option"][data-convid]',
  /** Recipients in a row carry their address as the tooltip. */
  rowRecipients: 'span[title*="@"]',
  /** Texts with a tooltip in a row: the first that is not an address is the subject, the last the received time. */
  rowTimes: 'span[title]:not([title*="@"])',
  /** The conversation shown in the reading pane is the selected row's. */
  selectedRow: 'div[role="option"][data-convid][aria-selected="true"]',
  /** A message's rendered body in the reading pane. */
  messageBody: 'div[id^="UniqueMessageBody"]',
  /** The message header's sent time: the mark sits before it. */
  messageTime: '[data-testid="SentReceivedSavedTime"]',
} as const;

/** `/mail/sentitems`, `/mail/0/sentitems` (outlook.live.com), with an item open or not. */
export const isSentFolder = (pathname: string) => /^\/mail\/(\d+\/)?sentitems(\/|$)/.test(pathname);

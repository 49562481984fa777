/**
 * Gmail's Sent list and conversation view, by structure and data attributes only (the labels are translated: "To:" /
 * "An:"). Proven by fixtures/sent-list-*.html and fixtures/thread-*.html beside them.
 */
export const gmailMailboxSelectors = {
  /** A conversation row of a message list. */
  row: 'tr.zA',
  /** The row's thread id (the same `data-legacy-thread-id` the open conversation's subject carries). */
  rowThread: '[data-legacy-thread-id]',
  /** The row's subject, and its recipients (`email` attributes; "To: Ann" / "An: Ann" in the text). */
  rowSubject: 'span.bqe, span.bog',
  rowRecipients: 'td.yX [email]',
  /** The row's date (the cell's span with the full date as its title). */
  rowSlot: 'td.xW span[title]',
  /** The open conversation's subject heading, holding the thread id. */
  threadHeading: 'h2[data-legacy-thread-id]',
  /** One message of the open conversation. */
  message: 'div.adn[data-legacy-message-id], div.adn[data-message-id]',
  /** Its rendered body. */
  messageBody: 'div.a3s',
  /** Its header's date. */
  messageSlot: 'span.g3',
} as const;

/** Gmail's list routes are the URL's hash: `#sent`, `#sent/p2`; a conversation opened from it is `#sent/<id>`. */
export const isSentList = (hash: string) => /^#sent(\/p\d+)?$/.test(hash);

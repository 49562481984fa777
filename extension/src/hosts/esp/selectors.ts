/** ESP campaign editors on sites the user enabled: one selector per editor kind, proven by the fixtures beside it. */
export const espSelectors = {
  iframe: 'iframe',
  /** HTML source textareas: hinted by name/id/class, or holding markup. Hidden ones (TinyMCE's original) are skipped. */
  sourceTextarea: 'textarea',
  sourceHint: /html|source|body|template|content|code/i,
  /** Rich editors of no known family (hosts/editors/families.ts holds the known ones): top-level contenteditables. */
  richEditable: '[contenteditable="true"]',
  recipients: 'input[type="email"], input[name*="to" i], input[name*="recipient" i], input[name*="email" i]',
  subject: 'input[name*="subject" i], input[id*="subject" i]',
  /** With no form around the editor, the send is a click on the page's Send / Schedule button (not "Send test"). */
  button: 'button, [role="button"], input[type="submit"], input[type="button"]',
  sendLabel: /^\s*(send|schedule)\b/i,
  notSend: /\btest\b|\bpreview\b/i,
} as const;

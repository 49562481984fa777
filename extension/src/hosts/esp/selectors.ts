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
} as const;

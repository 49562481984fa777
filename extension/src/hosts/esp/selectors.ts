/** ESP campaign editors on sites the user enabled: one selector per editor kind, proven by the fixtures beside it. */
export const espSelectors = {
  codeMirror: '.cm-editor',
  iframe: 'iframe',
  /** HTML source textareas: hinted by name/id/class, or holding markup. Hidden ones (TinyMCE's original) are skipped. */
  sourceTextarea: 'textarea',
  sourceHint: /html|source|body|template|content|code/i,
  /** Rich editors: top-level contenteditables that are not CodeMirror's content element. */
  richEditable: '[contenteditable="true"]:not(.cm-content)',
  recipients: 'input[type="email"], input[name*="to" i], input[name*="recipient" i], input[name*="email" i]',
  subject: 'input[name*="subject" i], input[id*="subject" i]',
} as const;

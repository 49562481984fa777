/** What each exclusion reason from the collector means, in words a sales rep understands. */
const LABELS: Record<string, string> = {
  self: 'Your own opens and clicks',
  bot: 'Bots and crawlers',
  'bot:no-user-agent': 'Requests without a browser',
  'scanner:head': 'Link checkers (HEAD requests)',
  'scanner:fast-click': 'Security scanners (clicked seconds after sending)',
  'scanner:burst': 'Security scanners (many links at once)',
  'prefetch:apple-mpp': 'Apple Mail Privacy Protection (prefetch, not a read)',
};

export function excludedLabel(reason: string): string {
  return LABELS[reason] ?? reason;
}

export function excludedRows(excluded: Record<string, number>): { reason: string; label: string; count: number }[] {
  return Object.entries(excluded)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => ({ reason, label: excludedLabel(reason), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

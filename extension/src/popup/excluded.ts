import { i18n } from '#i18n';

/** What each exclusion reason from the collector means, in words a sales rep understands. */
const LABELS: Record<string, () => string> = {
  self: () => i18n.t('popup.excluded.self'),
  bot: () => i18n.t('popup.excluded.bot'),
  'bot:no-user-agent': () => i18n.t('popup.excluded.botNoUserAgent'),
  'scanner:head': () => i18n.t('popup.excluded.scannerHead'),
  'scanner:fast-click': () => i18n.t('popup.excluded.scannerFastClick'),
  'scanner:burst': () => i18n.t('popup.excluded.scannerBurst'),
  'prefetch:apple-mpp': () => i18n.t('popup.excluded.prefetchAppleMpp'),
};

export function excludedLabel(reason: string): string {
  return LABELS[reason]?.() ?? reason;
}

export function excludedRows(excluded: Record<string, number>): { reason: string; label: string; count: number }[] {
  return Object.entries(excluded)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => ({ reason, label: excludedLabel(reason), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

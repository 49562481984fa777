import { i18n } from '#i18n';
import type { Warning } from '@beacon/shared/api/messages';

/** A registration warning in the user's language, by its code; an unknown code keeps the collector's words. */
export function warningText(warning: Warning, recipientCount: number): string {
  if (warning.code === 'shared_pixel') return i18n.t('send.sharedPixel', { count: String(recipientCount) });
  if (warning.code === 'unresolved_expression') {
    const names = (warning.message.match(/\{\{[^}]*\}\}/g) ?? []).join(', ');
    return i18n.t(recipientCount > 1 ? 'send.unresolvedSeveral' : 'send.unresolvedUnknown', { names });
  }
  return warning.message;
}

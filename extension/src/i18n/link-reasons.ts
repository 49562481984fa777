import { i18n } from '#i18n';
import { REASONS } from '@beacon/shared/links/validate';

type FixedReason = Exclude<keyof typeof REASONS, 'scheme'>;

/** Every reason the link engine gives (in English, as it says them), in the user's language. */
const TEXTS: Record<FixedReason, () => string> = {
  mailto: () => i18n.t('linkReason.mailto'),
  tel: () => i18n.t('linkReason.tel'),
  sms: () => i18n.t('linkReason.sms'),
  fragment: () => i18n.t('linkReason.fragment'),
  javascript: () => i18n.t('linkReason.javascript'),
  data: () => i18n.t('linkReason.data'),
  empty: () => i18n.t('linkReason.empty'),
  mergeTag: () => i18n.t('linkReason.mergeTag'),
  relative: () => i18n.t('linkReason.relative'),
  invalid: () => i18n.t('linkReason.invalid'),
  tagInOrigin: () => i18n.t('linkReason.tagInOrigin'),
  tooManyTags: () => i18n.t('linkReason.tooManyTags'),
  ownUrl: () => i18n.t('linkReason.ownUrl'),
  clicksOff: () => i18n.t('linkReason.clicksOff'),
  turnedOff: () => i18n.t('linkReason.turnedOff'),
  showsAddress: () => i18n.t('linkReason.showsAddress'),
};
const SCHEME_SUFFIX = REASONS.scheme('');

/** Why a link is not tracked, translated; a reason this build does not know stays as the engine said it. */
export function linkReasonText(reason: string): string {
  const fixed = (Object.keys(TEXTS) as FixedReason[]).find((name) => REASONS[name] === reason);
  if (fixed) return TEXTS[fixed]();
  if (reason.endsWith(SCHEME_SUFFIX)) return i18n.t('linkReason.scheme', { scheme: reason.slice(0, -SCHEME_SUFFIX.length) });
  return reason;
}

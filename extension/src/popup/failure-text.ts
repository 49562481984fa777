import { i18n } from '#i18n';
import type { Failure } from '../utils/messaging';

export interface FailureText {
  title: string;
  detail: string;
  /** What the main button does: try the request again, or go to the options to sign in again. */
  action: 'retry' | 'options';
  offline: boolean;
}

/** Every way a request can fail, said as what happened and what to do about it. */
export function failureText(failure: Pick<Failure, 'reason' | 'message'>, online = true): FailureText {
  if (!online) return { title: i18n.t('popup.failure.offline'), detail: i18n.t('popup.failure.offlineDetail'), action: 'retry', offline: true };
  const { message } = failure;
  switch (failure.reason) {
    case 'unreachable':
      return { title: i18n.t('popup.failure.unreachable'), detail: i18n.t('popup.failure.unreachableDetail', { message }), action: 'retry', offline: false };
    case 'timeout':
      return { title: i18n.t('popup.failure.timeout'), detail: i18n.t('popup.failure.timeoutDetail', { message }), action: 'retry', offline: false };
    case 'unauthorized':
      return { title: i18n.t('popup.failure.unauthorized'), detail: i18n.t('popup.failure.unauthorizedDetail'), action: 'options', offline: false };
    case 'not-signed-in':
      return { title: i18n.t('popup.failure.notSignedIn'), detail: i18n.t('popup.failure.notSignedInDetail'), action: 'options', offline: false };
    default:
      return { title: i18n.t('popup.failure.rejected'), detail: message, action: 'retry', offline: false };
  }
}

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
  if (!online) {
    return { title: 'You are offline', detail: 'Beacon shows your reports again as soon as this computer is back online.', action: 'retry', offline: true };
  }
  switch (failure.reason) {
    case 'unreachable':
      return { title: 'Cannot reach the collector', detail: `${failure.message} Check that it is running, or change its address in Options.`, action: 'retry', offline: false };
    case 'timeout':
      return { title: 'The collector is slow to answer', detail: `${failure.message} Try again in a moment.`, action: 'retry', offline: false };
    case 'unauthorized':
      return { title: 'Your API token was refused', detail: 'It may have been revoked. Sign in again in Options with a valid token.', action: 'options', offline: false };
    case 'not-signed-in':
      return { title: 'Not signed in', detail: 'Sign in to your collector in Options.', action: 'options', offline: false };
    default:
      return { title: 'The collector refused this request', detail: failure.message, action: 'retry', offline: false };
  }
}

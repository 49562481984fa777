import { reactive } from 'vue';
import { accountItem, trackingDefaultsItem } from '../utils/storage';

/** Sign-in and switch defaults, read once per page and kept current: a new composer's toolbar needs no storage round trip. */
export const accountState = reactive({ signedIn: false, trackOpens: true, trackClicks: true });

export async function loadAccountState(signal: AbortSignal): Promise<void> {
  const [account, defaults] = await Promise.all([accountItem.getValue(), trackingDefaultsItem.getValue()]);
  Object.assign(accountState, { signedIn: !!account, ...defaults });
  const unwatchAccount = accountItem.watch((next) => (accountState.signedIn = !!next));
  const unwatchDefaults = trackingDefaultsItem.watch((next) => Object.assign(accountState, next));
  signal.addEventListener(
    'abort',
    () => {
      unwatchAccount();
      unwatchDefaults();
    },
    { once: true },
  );
}

import type { ConfigEnv, UserManifest } from 'wxt';
import { MAIL_HOSTS } from './src/hosts/mail-hosts';

/** Development builds only: a local ESP page and a local collector, usable without a permission prompt. */
export const LOCAL_HOSTS = ['http://localhost/*', 'http://127.0.0.1/*'];

/** Chrome warns about keys it does not know: these go to Firefox only. */
const FIREFOX: UserManifest['browser_specific_settings'] = {
  gecko: {
    id: 'beacon@beacon.example',
    // 140 (the current ESR): the first to know data_collection_permissions.
    strict_min_version: '140.0',
    // The draft and its recipients go to the user's own collector when a tracked message is sent.
    data_collection_permissions: { required: ['personalCommunications', 'personallyIdentifyingInfo'] },
  },
  gecko_android: { strict_min_version: '142.0' },
};

/**
 * The manifest a store reviews, with the least permissions that work (why each: README "Permissions"). Name and
 * description come from the locales (`__MSG_…__`), the version from package.json.
 */
export function manifestFor({ mode, browser }: ConfigEnv): UserManifest {
  return {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    action: { default_title: '__MSG_extName__' },
    permissions: ['storage', 'declarativeNetRequest', 'notifications', 'scripting', 'alarms'],
    host_permissions: [...MAIL_HOSTS, ...(mode === 'development' ? LOCAL_HOSTS : [])],
    // ESP sites: each asked for when the user adds it in the options, and given back when removed.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    ...(browser === 'firefox' ? { browser_specific_settings: FIREFOX } : {}),
  };
}

import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Me } from '@beacon/shared/api/me';
import { askBackground, type FailureReason } from '../utils/messaging';
import { accountItem, collectorUrlItem } from '../utils/storage';

/** Sign-in state of the options page. */
export const useAccountStore = defineStore('account', () => {
  const me = ref<Me | null>(null);
  const collectorUrl = ref('');
  /** Storage answered: until then neither the form nor the account is shown, so neither flashes. */
  const loaded = ref(false);
  const busy = ref(false);
  const error = ref<{ reason: FailureReason; message: string } | null>(null);

  async function load() {
    [me.value, collectorUrl.value] = await Promise.all([accountItem.getValue(), collectorUrlItem.getValue()]);
    loaded.value = true;
  }

  async function signIn(url: string, token: string) {
    busy.value = true;
    error.value = null;
    try {
      const result = await askBackground('signIn', { collectorUrl: url, token });
      if (result.ok) {
        me.value = result.value;
        collectorUrl.value = await collectorUrlItem.getValue();
      } else error.value = { reason: result.reason, message: result.message };
    } finally {
      busy.value = false;
    }
  }

  async function signOut() {
    await askBackground('signOut', null);
    me.value = null;
  }

  return { me, collectorUrl, loaded, busy, error, load, signIn, signOut };
});

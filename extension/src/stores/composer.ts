import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PlannedLink, TrackingType } from '@beacon/shared/links/index';
import type { Recipient } from '@beacon/shared/api/messages';

export interface Choice {
  title: string;
  message: string;
  confirm: string;
  cancel: string;
  resolve: (confirmed: boolean) => void;
}

export type Panel = 'insert' | 'links' | null;

/** UI state of one composer (each composer has its own Pinia instance). */
export const useComposerStore = defineStore('composer', () => {
  const signedIn = ref(false);
  const trackOpens = ref(true);
  const trackClicks = ref(true);
  const links = ref<PlannedLink[]>([]);
  const overrides = ref<Record<string, TrackingType>>({});
  const recipients = ref<Recipient[]>([]);
  const suppressed = ref<string[]>([]);
  /** Suppression answers already asked for in this composer, by lowercase address. */
  const suppressionChecked = ref<Record<string, boolean>>({});
  const panel = ref<Panel>(null);
  const choice = ref<Choice | null>(null);
  const sending = ref(false);
  const notice = ref('');
  const isSource = ref(false);

  const tracking = computed(() => signedIn.value && (trackOpens.value || trackClicks.value));
  const severalRecipients = computed(() => recipients.value.length > 1);

  function setOverride(url: string, type: TrackingType) {
    overrides.value = { ...overrides.value, [url]: type };
  }

  /** Asks the user, e.g. "Send without tracking" / "Cancel"; resolves true on confirm. */
  function ask(question: Omit<Choice, 'resolve'>): Promise<boolean> {
    choice.value?.resolve(false);
    return new Promise((resolve) => {
      choice.value = {
        ...question,
        resolve: (confirmed) => {
          choice.value = null;
          resolve(confirmed);
        },
      };
    });
  }

  return {
    signedIn, trackOpens, trackClicks, links, overrides, recipients, suppressed, suppressionChecked, panel, choice, sending, notice, isSource,
    tracking, severalRecipients, setOverride, ask,
  };
});
export type ComposerStore = ReturnType<typeof useComposerStore>;

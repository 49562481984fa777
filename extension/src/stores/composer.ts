import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PlannedLink, TrackingType } from '@beacon/shared/links/index';
import type { Recipient } from '@beacon/shared/api/messages';
import type { Box } from '../features/locate-links';

export interface ChoiceField {
  name: string;
  label: string;
  value: string;
  type: 'text' | 'number';
  required?: boolean;
}

export interface Choice {
  title: string;
  message: string;
  confirm: string;
  cancel: string;
  /** Inputs asked for with the question; the caller reads their values once confirmed. */
  fields?: ChoiceField[];
  /** A second way out besides confirm and cancel (e.g. copying the tracked HTML), which leaves the question open. */
  extra?: { label: string; run: () => void };
  resolve: (confirmed: boolean) => void;
}

/** An ESP draft whose links Beacon tracked inside the editor ("Apply tracking"). */
export interface AppliedTracking {
  /** The Idempotency-Key it was registered with: applying again updates that message. */
  key: string;
  messageId: string;
  /** Tracked URL -> the original, to put the draft back. */
  tracked: Record<string, string>;
  pixelUrl?: string;
  /** The editor's own serialization before Apply: Remove restores it exactly when nothing was edited since. */
  before: string;
  /** The editor's own serialization right after Apply. */
  after: string;
  links: number;
  /** When Apply wrote into the editor (epoch ms); Links rows planned after it describe the applied draft. */
  at?: number;
}

export type Panel = 'insert' | 'links' | null;

/** UI state of one composer (each composer has its own Pinia instance). */
export const useComposerStore = defineStore('composer', () => {
  const signedIn = ref(false);
  const trackOpens = ref(true);
  const trackClicks = ref(true);
  const links = ref<PlannedLink[]>([]);
  /** When the Links rows were asked for (epoch ms): rows older than an Apply describe the draft before it. */
  const linksAskedAt = ref(0);
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
  /** An ESP composer: drafts are tracked in place (Apply tracking) and sent later, maybe to a list. */
  const esp = ref(false);
  const applied = ref<AppliedTracking | null>(null);
  const applying = ref(false);
  /** Tracked HTML the editor did not take, offered to copy: nothing goes out untracked without the user saying so. */
  const refused = ref<string | null>(null);
  /** Boxes around the located link's occurrences, shown for a moment. */
  const highlights = ref<Box[]>([]);
  let clearHighlights: ReturnType<typeof setTimeout> | undefined;
  function highlight(boxes: Box[]) {
    highlights.value = boxes;
    clearTimeout(clearHighlights);
    clearHighlights = setTimeout(() => (highlights.value = []), 2500);
  }

  const tracking = computed(() => signedIn.value && (trackOpens.value || trackClicks.value));
  /**
   * Links of an applied draft that would be tracked but are not yet (added or changed since Apply): an ESP sends
   * later from another screen, so they would go out untracked unless the user updates.
   */
  const untrackedSinceApply = computed(() =>
    applied.value && linksAskedAt.value > (applied.value.at ?? 0) ? links.value.filter((link) => link.type !== 'never').length : 0,
  );
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
    signedIn,
    trackOpens,
    trackClicks,
    links,
    linksAskedAt,
    overrides,
    recipients,
    suppressed,
    suppressionChecked,
    panel,
    choice,
    sending,
    notice,
    isSource,
    esp,
    applied,
    applying,
    refused,
    highlights,
    tracking,
    untrackedSinceApply,
    highlight,
    severalRecipients,
    setOverride,
    ask,
  };
});
export type ComposerStore = ReturnType<typeof useComposerStore>;

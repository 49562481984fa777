import { nextTick, watch, type Ref } from 'vue';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The focused element, looked for inside shadow roots too (Beacon's toolbar buttons live in one). */
function deepActiveElement(doc: Document): HTMLElement | null {
  let element = doc.activeElement as HTMLElement | null;
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement as HTMLElement;
  return element;
}

/** What Tab stops at, in order (of a radio group, only the checked radio). */
const focusables = (container: Element) =>
  [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0 && !el.matches('input[type="radio"]:not(:checked)'));

/**
 * Keyboard use of the composer's dialogs and panels: focus moves into one when it opens (unless it took focus itself)
 * and goes back to what had it (the toolbar button) when it closes, unless the action moved it on (the editor after an
 * insertion). `trapTab` keeps Tab inside a modal dialog.
 */
export function manageDialogFocus(root: Ref<HTMLElement | undefined>, isOpen: () => boolean): { trapTab(event: KeyboardEvent): void } {
  let opener: HTMLElement | null = null;
  watch(
    isOpen,
    async (open) => {
      const container = root.value;
      if (!container) return;
      const doc = container.ownerDocument;
      const shadow = container.getRootNode() as ShadowRoot;
      if (open) {
        opener = deepActiveElement(doc);
        await nextTick();
        if (!container.contains(shadow.activeElement)) focusables(container)[0]?.focus();
        return;
      }
      const now = deepActiveElement(doc);
      if (!now || now === doc.body || now.getRootNode() === shadow || now === shadow.host) opener?.focus();
      opener = null;
    },
    { flush: 'post' },
  );
  return {
    trapTab(event) {
      if (event.key !== 'Tab') return;
      const container = event.currentTarget as Element;
      const items = focusables(container);
      const current = (container.getRootNode() as ShadowRoot).activeElement;
      const [first, last] = [items[0], items.at(-1)];
      if (!first || !last) return;
      if (event.shiftKey ? current === first : current === last) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      }
    },
  };
}

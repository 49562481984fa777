/** Tells the host's editor that its content changed, as typing would (frameworks and ESP editors listen for these). */
export function dispatchInput(target: HTMLElement, inputType = 'insertReplacementText'): void {
  const view = target.ownerDocument.defaultView;
  const InputEventCtor = view?.InputEvent ?? InputEvent;
  target.dispatchEvent(new InputEventCtor('input', { bubbles: true, composed: true, inputType }));
}

export function dispatchChange(target: HTMLElement): void {
  target.dispatchEvent(new Event('change', { bubbles: true }));
}

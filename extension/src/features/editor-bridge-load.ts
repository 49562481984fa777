import type { Editor } from '../hosts/types';
import type { Family } from '../hosts/editors/bridge';
import { askBackground } from '../utils/messaging';

const loads = new Map<Family, Promise<boolean>>();

/** Has the background inject this editor family's main-world bridge into this frame, once per page. */
export function loadEditorBridge(editor: Editor): Promise<boolean> {
  const family = editor.family;
  if (!family) return Promise.resolve(false);
  let load = loads.get(family);
  if (!load) {
    load = askBackground('loadBridge', { family }).then(
      (answer) => answer.ok,
      () => false,
    );
    loads.set(family, load);
  }
  return load;
}

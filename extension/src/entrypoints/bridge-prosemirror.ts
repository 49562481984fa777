import { installProsemirrorBridge } from '../bridges/prosemirror';

// Injected into the page's main world only where a prosemirror editor is (background/editor-bridges.ts).
export default defineUnlistedScript(() => installProsemirrorBridge(document));

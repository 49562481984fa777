import { installCodeMirrorBridge } from '../bridges/codemirror';

// Injected into the page's main world only where a codemirror editor is (background/editor-bridges.ts).
export default defineUnlistedScript(() => installCodeMirrorBridge(document));

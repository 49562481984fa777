import { installQuillBridge } from '../bridges/quill';

// Injected into the page's main world only where a quill editor is (background/editor-bridges.ts).
export default defineUnlistedScript(() => installQuillBridge(document));

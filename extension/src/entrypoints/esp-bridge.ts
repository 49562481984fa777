import { installCodeMirrorBridge } from '../features/codemirror-bridge';

// Registered at runtime for enabled ESP sites, in the page's main world (see background/esp-sites.ts).
export default defineUnlistedScript(() => installCodeMirrorBridge(document));

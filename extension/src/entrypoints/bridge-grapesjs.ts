import { installGrapesjsBridge } from '../bridges/grapesjs';

// Injected into the page's main world only where a grapesjs editor is (background/editor-bridges.ts).
export default defineUnlistedScript(() => installGrapesjsBridge(document));

import { installMonacoBridge } from '../bridges/monaco';

// Injected into the page's main world only where a monaco editor is (background/editor-bridges.ts).
export default defineUnlistedScript(() => installMonacoBridge(document));

import { installTinymceBridge } from '../bridges/tinymce';

// Injected into the page's main world only where a tinymce editor is (background/editor-bridges.ts).
export default defineUnlistedScript(() => installTinymceBridge(document));

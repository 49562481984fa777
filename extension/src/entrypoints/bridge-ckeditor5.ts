import { installCkeditor5Bridge } from '../bridges/ckeditor5';

// Injected into the page's main world only where a ckeditor5 editor is (background/editor-bridges.ts).
export default defineUnlistedScript(() => installCkeditor5Bridge(document));

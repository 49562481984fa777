import { installCkeditor4Bridge } from '../bridges/ckeditor4';

// Injected into the page's main world only where a ckeditor4 editor is (background/editor-bridges.ts).
export default defineUnlistedScript(() => installCkeditor4Bridge(document));

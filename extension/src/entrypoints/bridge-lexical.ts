import { installLexicalBridge } from '../bridges/lexical';

// Injected into the page's main world only where a lexical editor is (background/editor-bridges.ts).
export default defineUnlistedScript(() => installLexicalBridge(document));

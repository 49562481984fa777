import type { Family } from './bridge';
import { editableIframeBody } from './iframe';

/** An editor of a known family found on the page: its outer box, and the element the user types in. */
export interface FamilyMatch {
  family: Family;
  /** The editor's outermost box (its own toolbar included): the toolbar goes before it, requests are sent on it. */
  root: HTMLElement;
  /** Where the user types (an iframe's body for iframe editors); null while the editor is still loading. */
  element: HTMLElement | null;
  /** Finds it again: some editors write a new iframe document when their content is set (CKEditor 4). */
  findElement(): HTMLElement | null;
}

const frameBody = (root: Element, selector: string): HTMLElement | null => {
  const frame = root.querySelector<HTMLIFrameElement>(selector);
  return frame ? (editableIframeBody(frame) ?? frame.contentDocument?.body ?? null) : null;
};

/** With the editor's own toolbar, when it sits right before the editing box (Quill's snow theme). */
function withOwnToolbar(box: HTMLElement, toolbar: string): HTMLElement {
  const previous = box.previousElementSibling;
  return previous instanceof HTMLElement && previous.matches(toolbar) && box.parentElement?.children.length === 2 ? box.parentElement : box;
}

type Found = Omit<FamilyMatch, 'findElement'>;

/** DOM signatures of each family, most specific first; every element inside a match belongs to that editor. */
const SIGNATURES: { family: Family; selector: string; match(found: HTMLElement): Found }[] = [
  {
    family: 'tinymce',
    selector: '.tox-tinymce:not(.tox-tinymce-inline), .mce-tinymce',
    match: (root) => ({ family: 'tinymce', root, element: frameBody(root, 'iframe') }),
  },
  { family: 'tinymce', selector: '.mce-content-body[contenteditable="true"]', match: (root) => ({ family: 'tinymce', root, element: root }) },
  {
    family: 'ckeditor5',
    selector: '.ck-editor',
    match: (root) => ({ family: 'ckeditor5', root, element: root.querySelector<HTMLElement>('.ck-editor__editable') }),
  },
  { family: 'ckeditor5', selector: '.ck-editor__editable_inline', match: (root) => ({ family: 'ckeditor5', root, element: root }) },
  {
    family: 'ckeditor4',
    selector: '.cke',
    match: (root) => ({
      family: 'ckeditor4',
      root,
      element: frameBody(root, 'iframe.cke_wysiwyg_frame') ?? root.querySelector<HTMLElement>('.cke_wysiwyg_div'),
    }),
  },
  { family: 'ckeditor4', selector: '.cke_editable_inline', match: (root) => ({ family: 'ckeditor4', root, element: root }) },
  {
    family: 'quill',
    selector: '.ql-container',
    match: (box) => ({ family: 'quill', root: withOwnToolbar(box, '.ql-toolbar'), element: box.querySelector<HTMLElement>('.ql-editor') }),
  },
  { family: 'prosemirror', selector: '.ProseMirror', match: (root) => ({ family: 'prosemirror', root, element: root }) },
  { family: 'lexical', selector: '[data-lexical-editor="true"]', match: (root) => ({ family: 'lexical', root, element: root }) },
  { family: 'grapesjs', selector: '.gjs-editor-cont', match: (root) => ({ family: 'grapesjs', root, element: frameBody(root, 'iframe.gjs-frame') }) },
  { family: 'codemirror', selector: '.cm-editor', match: (root) => ({ family: 'codemirror', root, element: root.querySelector<HTMLElement>('.cm-content') }) },
  {
    family: 'monaco',
    selector: '.monaco-editor',
    match: (root) => ({ family: 'monaco', root, element: root.querySelector<HTMLElement>('textarea, .native-edit-context') ?? root }),
  },
];

/** Every editor of a known family in the document, outermost first; nested matches belong to the outer editor. */
export function findFamilies(doc: Document): FamilyMatch[] {
  const found: FamilyMatch[] = [];
  for (const signature of SIGNATURES) {
    for (const element of doc.querySelectorAll<HTMLElement>(signature.selector)) {
      if (found.some((match) => match.root.contains(element) || element.contains(match.root))) continue;
      const match = signature.match(element);
      found.push({ ...match, findElement: () => signature.match(element).element });
    }
  }
  return found;
}

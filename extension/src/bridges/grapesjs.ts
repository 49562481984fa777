import { installBridge, pageGlobal, type EditorBridge } from './install';

/** The slice of GrapesJS 0.2x's component and editor API the bridge uses. */
interface Component {
  get(name: 'type'): string;
  getAttributes(): Record<string, string>;
  addAttributes(attributes: Record<string, string>): unknown;
  remove(): unknown;
  is(type: string): boolean;
  append(html: string): unknown;
  components(html?: string): unknown;
  find(selector: string): Component[];
  getView(): { disableEditing?: () => Promise<void> } | undefined;
}
interface GrapesEditor {
  getContainer(): HTMLElement | null;
  getHtml(): string;
  getWrapper(): Component | undefined;
  getSelected(): Component | undefined;
  getEditing(): Component | undefined;
  Canvas: { getFrameEl(): HTMLIFrameElement | undefined };
}
interface GrapesGlobal {
  editors: GrapesEditor[];
  version: string;
}

/** The wrapper's own `<body>` tag is not content: setting it again would nest a body. */
function bodyContent(html: string): string {
  return html.replace(/^\s*<body\b[^>]*>/i, '').replace(/<\/body>\s*$/i, '');
}

function textBlock(editor: GrapesEditor): Component | undefined {
  const chosen = editor.getEditing() ?? editor.getSelected();
  if (chosen?.is('text')) return chosen;
  return editor
    .getWrapper()
    ?.find('[data-gjs-type="text"], p, td, div')
    .findLast((c) => c.is('text'));
}

export const grapesjsBridge: EditorBridge<GrapesEditor> = {
  find(target) {
    const editors = pageGlobal<GrapesGlobal>('grapesjs', target.ownerDocument)?.editors ?? [];
    return (
      editors.find((e) => {
        const container = e.getContainer();
        return !!container && (container.contains(target) || target.contains(container) || e.Canvas.getFrameEl()?.contentDocument === target.ownerDocument);
      }) ?? null
    );
  },
  get: (editor) => editor.getHtml(),
  set(editor, html) {
    editor.getWrapper()?.components(bodyContent(html));
  },
  insert(editor, html) {
    const block = textBlock(editor);
    if (block) block.append(html);
    else editor.getWrapper()?.append(`<div>${html}</div>`);
  },
  // Setting the whole content rebuilds every component (~0.5 s for 100 links); hrefs change one attribute each.
  rewrite(editor, hrefs, pixel) {
    const wrapper = editor.getWrapper();
    if (!wrapper) return;
    for (const link of wrapper.find('a')) {
      const next = hrefs[link.getAttributes().href ?? ''];
      if (next !== undefined) link.addAttributes({ href: next });
    }
    const images = wrapper.find('img');
    if (pixel.remove) for (const image of images) if (image.getAttributes().src === pixel.remove) image.remove();
    if (pixel.add && !images.some((image) => image.getAttributes().src === pixel.add!.src)) wrapper.append(pixel.add.html);
  },
  /** Text typed in the rich text editor reaches the model only when editing ends (asynchronously). */
  async flush(editor) {
    await editor.getEditing()?.getView()?.disableEditing?.();
  },
  version: () => pageGlobal<GrapesGlobal>('grapesjs', document)?.version ?? '',
};

export const installGrapesjsBridge = (doc: Document) => installBridge('grapesjs', grapesjsBridge, doc);

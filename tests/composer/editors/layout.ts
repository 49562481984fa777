import { expect } from 'vitest';
import type { Page } from 'playwright-core';

interface Box {
  name: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** What the page shows at the box's centre is the box's own element (or inside it). */
  onTop: boolean;
}

/**
 * Beacon's toolbar and open panel against the host's own controls (inputs, buttons, the editor's box): no two
 * overlap, each is what the page shows at its centre, and Beacon's parts are inside the viewport.
 */
export async function expectLaidOut(page: Page): Promise<void> {
  const boxes = await page.evaluate(() => {
    const deepest = (x: number, y: number): Element | null => {
      let el = document.elementFromPoint(x, y);
      while (el?.shadowRoot) {
        const inner = el.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === el) break;
        el = inner;
      }
      return el;
    };
    /** `hit` is `el` or inside it, through shadow roots. */
    const inside = (el: Element, hit: Element | null): boolean => {
      for (let node: Node | null = hit; node; node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)) if (node === el) return true;
      return false;
    };
    const hostControls = [...document.querySelectorAll<HTMLElement>('form input, form button, .app-bar')];
    const beacon = [...document.querySelectorAll<HTMLElement>('beacon-toolbar')];
    const panel = document.querySelector('beacon-overlay')?.shadowRoot?.querySelector<HTMLElement>('.side .dialog');
    const all = [...hostControls.map((el) => ({ el, name: el.id || el.className || el.tagName })), ...beacon.map((el) => ({ el, name: 'beacon-toolbar' }))];
    if (panel) all.push({ el: panel, name: 'beacon-links-panel' });
    return all
      .filter(({ el }) => el.getBoundingClientRect().width > 0)
      .map(({ el, name }) => {
        const r = el.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + Math.min(r.height / 2, 10);
        // Scrolled out of view: nothing can be over it there (the page scrolls to it).
        const visible = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
        return { name: String(name), top: r.top, left: r.left, bottom: r.bottom, right: r.right, onTop: !visible || inside(el, deepest(x, y)) };
      });
  });
  const viewport = page.viewportSize()!;
  const overlaps = (a: Box, b: Box) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const box of boxes) expect(box.onTop, `${box.name} is covered`).toBe(true);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1))
      if (a.name.startsWith('beacon') || b.name.startsWith('beacon')) expect(overlaps(a, b), `${a.name} overlaps ${b.name}`).toBe(false);
  }
  for (const box of boxes.filter((b) => b.name.startsWith('beacon'))) {
    expect(box.left, `${box.name} left`).toBeGreaterThanOrEqual(0);
    expect(box.right, `${box.name} right`).toBeLessThanOrEqual(viewport.width);
    expect(box.top, `${box.name} top`).toBeGreaterThanOrEqual(0);
    expect(box.bottom, `${box.name} bottom`).toBeLessThanOrEqual(viewport.height);
  }
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Every rule axe-core checks, WCAG 2.2 A and AA and best practices, over `include` (hosts of shadow roots included). */
export async function axeFindings(page: Page, include?: string[]): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (selectors) => {
    const { axe } = window as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[] }> };
    };
    const result = await axe.run(selectors ? { include: selectors.map((s) => [s]) } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, include);
}

/** Serious and critical findings: what a release must not have. */
export const blocking = (findings: AxeFinding[]) => findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');

/** Checks views, each to have no serious or critical finding, and keeps what axe found in each for `report`. */
export function axeChecker() {
  const found: Record<string, AxeFinding[]> = {};
  async function check(view: string, page: Page, include?: string[]) {
    found[view] = await axeFindings(page, include);
    expect(blocking(found[view]), view).toEqual([]);
  }
  return {
    check,
    /** The view in the light colour scheme, then the dark one; the page is left light. */
    async checkLightAndDark(view: string, page: Page, include?: string[]) {
      await check(view, page, include);
      await page.emulateMedia({ colorScheme: 'dark' });
      await check(`${view}, dark`, page, include);
      await page.emulateMedia({ colorScheme: 'light' });
    },
    /** Every view checked and what axe found there (the figures the release notes quote). */
    report(title: string) {
      const rows = Object.entries(found).map(
        ([view, findings]) => `${view}: ${findings.length ? findings.map((f) => `${f.impact} ${f.id} ×${f.nodes.length}`).join(', ') : 'none'}`,
      );
      console.log(`${title}\n  ${rows.join('\n  ')}`);
    },
  };
}

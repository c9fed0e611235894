import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const BLOCKING = new Set(['serious', 'critical']);

/** Runs axe-core on the page as it is and fails on any serious or critical violation, listing each one. */
export async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const report = blocking
    .map((v) =>
      [
        `[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.slice(0, 10).map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
        v.nodes.length > 10 ? `    …and ${v.nodes.length - 10} more elements` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
  expect(blocking.length, `serious or critical accessibility violations on ${screen}:\n${report}`).toBe(0);
}

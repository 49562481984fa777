/**
 * The table of issue 18 from a run of these tests: editor and version × behaviour, each cell the test's outcome
 * and time. Run: vitest run --project e2e tests/composer/editors --reporter=json --outputFile=/tmp/editors.json
 * then: node --import tsx tests/composer/editors/report-table.ts /tmp/editors.json
 */
import { readFileSync } from 'node:fs';

interface Assertion {
  ancestorTitles: string[];
  title: string;
  status: string;
  duration?: number;
}
const COLUMNS: [string, RegExp][] = [
  ['toolbar', /^shows one toolbar/],
  ['insert + undo', /^inserts a link/],
  ['Links', /^lists every URL/],
  ['Apply', /^applies tracking inside the editor/],
  ['send-time serialization', /^has every link tracked and the pixel when/],
  ['Remove', /^Remove puts the draft back/],
  ['per-recipient counts', /^updates the same message/],
];

const report = JSON.parse(readFileSync(process.argv[2] ?? '/tmp/editors.json', 'utf8')) as { testResults: { assertionResults: Assertion[] }[] };
const rows = new Map<string, Map<string, string>>();
for (const test of report.testResults.flatMap((file) => file.assertionResults)) {
  const editor = test.ancestorTitles[0];
  const column = COLUMNS.find(([, pattern]) => pattern.test(test.title))?.[0];
  if (!editor || !column) continue;
  const cell = `${test.status === 'passed' ? 'pass' : test.status.toUpperCase()} ${Math.round(test.duration ?? 0)} ms`;
  rows.set(editor, (rows.get(editor) ?? new Map()).set(column, cell));
}
console.log(`| editor | ${COLUMNS.map(([name]) => name).join(' | ')} |`);
console.log(`| --- | ${COLUMNS.map(() => '---').join(' | ')} |`);
for (const [editor, cells] of rows) console.log(`| ${editor} | ${COLUMNS.map(([name]) => cells.get(name) ?? 'not run').join(' | ')} |`);

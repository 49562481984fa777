import { benchCollector } from './collector.ts';
import { benchComposer } from './composer.ts';
import { benchDeliverability } from './deliverability.ts';
import { benchLinkEngine } from './link-engine.ts';
import { benchRegistrationLoad } from './registration-load.ts';
import { benchMailboxMarks } from './mailbox-marks.ts';
import { benchPopup } from './popup.ts';
import { benchReports } from './reports.ts';
import { formatTable, type BenchRow } from './table.ts';

/** Every bench, run one after another in this process; add new ones here. */
const BENCHES: Record<string, () => BenchRow[] | Promise<BenchRow[]>> = {
  'link-engine': benchLinkEngine,
  collector: benchCollector,
  'registration-load': benchRegistrationLoad,
  reports: benchReports,
  deliverability: benchDeliverability,
  'mailbox-marks': benchMailboxMarks,
  composer: benchComposer,
  popup: benchPopup,
};

// `pnpm bench composer reports`: only those; no names, all of them.
const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in BENCHES));
if (unknown.length) throw new Error(`No bench named ${unknown.join(', ')}; there are: ${Object.keys(BENCHES).join(', ')}`);
const rows: BenchRow[] = [];
for (const [name, bench] of Object.entries(BENCHES)) if (!names.length || names.includes(name)) rows.push(...(await bench()));
console.log(formatTable(rows));
if (rows.some((row) => row.pass === false)) process.exitCode = 1;

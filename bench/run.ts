import { benchCollector } from './collector.ts';
import { benchDeliverability } from './deliverability.ts';
import { benchLinkEngine } from './link-engine.ts';
import { benchRegistrationLoad } from './registration-load.ts';
import { benchMailboxMarks } from './mailbox-marks.ts';
import { benchReports } from './reports.ts';
import { formatTable, type BenchRow } from './table.ts';

/** Every bench, run one after another in this process; add new ones here. */
const BENCHES: Array<() => BenchRow[] | Promise<BenchRow[]>> = [
  benchLinkEngine,
  benchCollector,
  benchRegistrationLoad,
  benchReports,
  benchDeliverability,
  benchMailboxMarks,
];

const rows: BenchRow[] = [];
for (const bench of BENCHES) rows.push(...(await bench()));
console.log(formatTable(rows));
if (rows.some((row) => row.pass === false)) process.exitCode = 1;

// The compte rendu report as CSV for a French spreadsheet (BOM, `;`, cells a spreadsheet would
// run as formulas neutralised): where, kind, the passage (identifiers masked), message, what to
// do. Built in the browser and saved by the browser: nothing is sent.
import type { CrBlock, CrReport } from '$contracts/compte-rendu/check';

const neutralise = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const cell = (value: string) => {
	const v = neutralise(value);
	return /[";\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
};

export function crReportCsv(report: CrReport, blocks: readonly CrBlock[]): string {
	const rows = [['emplacement', 'règle', 'passage', 'message', 'que faire']];
	for (const f of report.findings)
		rows.push([
			blocks[f.block]?.where ?? '',
			report.labels[f.code] ?? f.code,
			f.hint,
			f.message,
			f.advice
		]);
	return '\uFEFF' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

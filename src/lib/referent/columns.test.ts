import { DataType, tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { generateRows, rowsToCsv } from '$contracts/generate';
import { normalizedColumns, validateBytes, type ValidRow } from '$contracts/validate';
import { ColumnChunk } from './columns';
import { PREVIEW_COLUMNS, previewColumns } from './preview-columns';
import { neutralise } from '$contracts/csv-write';
import { columnLetter, reportCsv, ruleSummary } from './report';

describe('columnar chunks', () => {
	it('round-trips normalized rows through Arrow IPC, nulls included', () => {
		for (const kind of ['situations', 'seances'] as const) {
			const bytes = new TextEncoder().encode(
				[...rowsToCsv(kind, generateRows(kind, { seed: 4, rows: 300, period: '2026-S1' }))].join('')
			);
			const rows: ValidRow[] = [];
			expect(validateBytes(kind, bytes, { onRow: (r) => rows.push(r) }).ok).toBe(true);
			const chunk = new ColumnChunk(normalizedColumns(kind), 1000);
			for (const r of rows) chunk.push(r.row);
			const table = tableFromIPC(chunk.toIpc());
			expect(table.numRows).toBe(300);
			const back = table.toArray().map((r) => ({ ...r.toJSON() }));
			expect(back).toEqual(rows.map((r) => r.row));
		}
	});

	it('keeps code columns as dictionaries and mostly distinct ones as plain text', () => {
		const bytes = new TextEncoder().encode(
			[
				...rowsToCsv(
					'situations',
					generateRows('situations', { seed: 9, rows: 5000, period: '2026-S1' })
				)
			].join('')
		);
		const rows: ValidRow[] = [];
		expect(validateBytes('situations', bytes, { onRow: (r) => rows.push(r) }).ok).toBe(true);
		const chunk = new ColumnChunk(normalizedColumns('situations'), 5000);
		for (const r of rows) chunk.push(r.row);
		const table = tableFromIPC(chunk.toIpc());
		const type = (name: string) => table.schema.fields.find((f) => f.name === name)!.type;
		expect(DataType.isDictionary(type('problematique'))).toBe(true);
		expect(DataType.isUtf8(type('ref_situation'))).toBe(true);
		expect(DataType.isInt(type('nb_examens'))).toBe(true);
		const back = table.toArray().map((r) => ({ ...r.toJSON() }));
		expect(back).toEqual(rows.map((r) => r.row));
	});
});

describe('preview columns', () => {
	it('are columns of the contract, in its order', () => {
		for (const kind of ['situations', 'seances', 'incidents'] as const) {
			expect(previewColumns(kind).map((c) => c.name)).toEqual(
				normalizedColumns(kind)
					.map((c) => c.name)
					.filter((n) => PREVIEW_COLUMNS[kind].includes(n))
			);
			expect(previewColumns(kind)).toHaveLength(PREVIEW_COLUMNS[kind].length);
		}
	});
});

const HEADER =
	'ref_situation;date_premier_examen;problematique;tranche_age;sexe;quartier;information_interesse;accord;institution_pilote;strategie;nb_examens;transmission_hors_groupe;statut;evaluation;date_cloture;commentaire';
const ROW =
	'SIT-1;2026-02;addictions;14-15;F;;informe;obtenu;commune;mediation;2;aucune;en_cours;amelioration_partielle;;';

describe('report helpers', () => {
	it('names columns like a spreadsheet and neutralises formulas in the CSV', () => {
		expect([0, 15, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
			'A',
			'P',
			'Z',
			'AA',
			'AB',
			'ZZ',
			'AAA'
		]);
		expect(neutralise('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
		expect(neutralise('-2')).toBe("'-2");
		const report = validateBytes(
			'situations',
			new TextEncoder().encode('ref_situation;nom\n=1+1;Dupont\n')
		);
		const csv = reportCsv(report, ['ref_situation']);
		expect(
			csv.startsWith('\uFEFFligne;colonne;en-tête du fichier;lettre;règle;message;que faire\r\n')
		).toBe(true);
		expect(csv).not.toMatch(/\n=/);
		// rules by their names, never their codes
		expect(csv).toContain('Colonne de données personnelles');
		expect(csv).not.toMatch(/;(?:pii|header|value)\.[a-z_]+;/);
		const phone = reportCsv(
			validateBytes(
				'situations',
				new TextEncoder().encode(`${HEADER}\n${ROW}Appeler le 06 12 34 56 78\n`)
			)
		);
		expect(phone).toContain(
			';Commentaire;commentaire;;Donnée personnelle : un numéro de téléphone;'
		);
		expect(phone).not.toContain('pii.phone');
		const rules = ruleSummary(report);
		expect(rules[0].structure).toBe(true);
		expect(rules.find((r) => r.code === 'pii.column')?.sentence).toBe(
			'1 colonne de données personnelles ne doit pas figurer dans le fichier'
		);
	});
});

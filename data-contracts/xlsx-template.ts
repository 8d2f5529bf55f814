// Excel templates generated from the field definitions, like the CSV templates: a data sheet whose
// first row is exactly the CSV header (the filled workbook is uploaded as it is, or saved as CSV),
// drop-down lists of labels on coded columns (labels normalise to codes), a note with the rule on
// each header cell, an example row, an « À lire » sheet and a « Codes » sheet. Deterministic bytes
// (fixed workbook dates and zip entry dates) so a test can tell when the committed copy is stale.
import ExcelJS from 'exceljs';
import { inflateRawSync } from 'node:zlib';
import { KIND_LABELS, TABULAR_KINDS, type TabularKind } from './codes';
import { FIELDS, type FieldDef } from './fields';
import { columnLetter } from './text-utils';

/** Last data row covered by the drop-down lists and number checks. */
export const TEMPLATE_ROWS = 10000;
const FIXED_DATE = new Date('2025-01-01T00:00:00Z');
export const HOW_TO_SEND =
	'Une fois rempli, déposez ce classeur tel quel sur le site (ou, si vous préférez, enregistrez cette feuille au format « CSV UTF-8 »). Gardez la première ligne (les noms de colonnes) et le nom de la feuille.';

const isCoded = (f: FieldDef) => f.type === 'code' || f.type === 'codes' || f.type === 'boolean';

function exampleValue(f: FieldDef): string {
	if (f.name === 'date_cloture') return '';
	if (!f.labels) return f.example;
	return f.example
		.split('|')
		.map((c) => f.labels?.[c] ?? c)
		.join('|');
}

function rule(f: FieldDef): string {
	const required =
		f.required === true
			? 'Obligatoire.'
			: f.required === false
				? 'Facultatif.'
				: `Obligatoire ${f.required}.`;
	const lines = [
		`${f.label} — ${required}`,
		f.description[0].toUpperCase() + f.description.slice(1) + '.'
	];
	if (f.type === 'codes')
		lines.push(
			'Choisissez un libellé dans la liste ; pour en mettre plusieurs, séparez-les par |.'
		);
	else if (isCoded(f))
		lines.push('Choisissez un libellé dans la liste (le code est aussi accepté).');
	lines.push(`Exemple : ${exampleValue(f) || f.example}`);
	return lines.join('\n');
}

const dv0 = (ws: ExcelJS.Worksheet) =>
	(ws as unknown as { dataValidations: { add(address: string, v: Record<string, unknown>): void } })
		.dataValidations;

/** Labels and codes of a coded field in two columns of the « Codes » sheet (`n`, from 1). */
function writeCodes(codes: ExcelJS.Worksheet, f: FieldDef, n: number): string[] {
	const labels = f.codes!.map((c) => f.labels?.[c] ?? c);
	codes.getCell(1, n * 2 - 1).value = `${f.name} (libellé)`;
	codes.getCell(1, n * 2).value = `${f.name} (code)`;
	codes.getCell(1, n * 2 - 1).font = { bold: true };
	codes.getCell(1, n * 2).font = { bold: true };
	f.codes!.forEach((c, j) => {
		codes.getCell(j + 2, n * 2 - 1).value = labels[j];
		codes.getCell(j + 2, n * 2).value = c;
	});
	codes.getColumn(n * 2 - 1).width = 36;
	codes.getColumn(n * 2).width = 30;
	return labels;
}

/** The drop-down list of a coded field, its labels in the `n`-th pair of « Codes » columns. */
function listValidation(f: FieldDef, n: number, labels: string[]): Record<string, unknown> {
	const l = columnLetter(n * 2 - 2);
	return {
		type: 'list',
		allowBlank: true,
		formulae: [`Codes!$${l}$2:$${l}$${labels.length + 1}`],
		showErrorMessage: true,
		errorStyle: 'warning',
		errorTitle: 'Valeur hors de la liste',
		error:
			f.type === 'codes'
				? 'Choisissez un libellé de la liste, ou plusieurs séparés par |.'
				: 'Choisissez un libellé de la liste (le code est aussi accepté).'
	};
}

function wholeValidation(f: FieldDef): Record<string, unknown> {
	return {
		type: 'whole',
		operator: f.max !== undefined ? 'between' : 'greaterThanOrEqual',
		allowBlank: true,
		formulae: f.max !== undefined ? [f.min ?? 0, f.max] : [f.min ?? 0],
		showErrorMessage: true,
		errorStyle: 'warning',
		errorTitle: 'Nombre attendu',
		error: f.description
	};
}

/** Column `i` of the data sheet: its width, its format and its header with the rule as a note. */
function writeField(data: ExcelJS.Worksheet, f: FieldDef, i: number): void {
	const col = data.getColumn(i + 1);
	col.width = Math.max(14, Math.min(40, f.name.length + 4));
	if (f.type !== 'integer') col.numFmt = '@';
	const head = data.getCell(1, i + 1);
	head.value = f.name;
	head.font = { bold: true };
	head.note = rule(f);
}

function writeReadme(readme: ExcelJS.Worksheet, kind: TabularKind): void {
	readme.getColumn(1).width = 110;
	const lines = [
		`Modèle « ${KIND_LABELS[kind]} » — contrat de données v1 (Bilans partagés)`,
		'',
		HOW_TO_SEND,
		`Remplissez la feuille « ${kind} » : une ligne par ${kind === 'seances' ? 'séance' : kind === 'incidents' ? 'incident' : 'situation'}, sans modifier la première ligne (les noms de colonnes).`,
		'La ligne 2 est un exemple : remplacez-la ou supprimez-la.',
		'Les colonnes codées proposent une liste de libellés ; la feuille « Codes » donne chaque libellé et son code.',
		'La règle de chaque colonne s’affiche au survol de son nom (commentaire).',
		'Aucune donnée nominative : ni nom, ni prénom, ni date de naissance, ni adresse, ni téléphone, ni e-mail.',
		'Le contrat complet : page « Contrat de données » du site (/contrat).'
	];
	lines.forEach((t, i) => {
		const c = readme.getCell(i + 1, 1);
		c.value = t;
		c.alignment = { wrapText: true, vertical: 'top' };
		if (i === 0 || t === HOW_TO_SEND) c.font = { bold: true };
	});
}

/** The workbook of one tabular kind (not yet serialised). */
export function templateWorkbook(kind: TabularKind): ExcelJS.Workbook {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Bilans partagés';
	wb.lastModifiedBy = 'Bilans partagés';
	wb.created = FIXED_DATE;
	wb.modified = FIXED_DATE;
	wb.title = `Modèle ${KIND_LABELS[kind]}`;

	const data = wb.addWorksheet(kind, {
		views: [{ state: 'frozen', ySplit: 1, activeCell: 'A1' }]
	});
	const readme = wb.addWorksheet('À lire');
	const codes = wb.addWorksheet('Codes');

	let codeCol = 0;
	FIELDS[kind].forEach((f, i) => {
		writeField(data, f, i);
		const letter = columnLetter(i);
		const range = `${letter}2:${letter}${TEMPLATE_ROWS}`;
		if (isCoded(f)) {
			codeCol += 1;
			dv0(data).add(range, listValidation(f, codeCol, writeCodes(codes, f, codeCol)));
		} else if (f.type === 'integer') dv0(data).add(range, wholeValidation(f));
		const example = exampleValue(f);
		const cell = data.getCell(2, i + 1);
		if (example !== '') cell.value = f.type === 'integer' ? Number(example) : example;
	});
	dv0(data).add('A1', {
		type: 'any',
		showInputMessage: true,
		promptTitle: 'À lire',
		prompt: HOW_TO_SEND
	});
	writeReadme(readme, kind);
	return wb;
}

/** DOS time and date of FIXED_DATE in every zip header: the only varying bytes of a zip. */
function fixZipDates(zip: Uint8Array): Uint8Array {
	const out = new Uint8Array(zip);
	const view = new DataView(out.buffer);
	const dosDate = ((FIXED_DATE.getUTCFullYear() - 1980) << 9) | (1 << 5) | 1;
	for (const e of zipEntries(out)) {
		view.setUint16(e.central + 12, 0, true);
		view.setUint16(e.central + 14, dosDate, true);
		view.setUint16(e.local + 10, 0, true);
		view.setUint16(e.local + 12, dosDate, true);
	}
	return out;
}

interface ZipEntry {
	name: string;
	central: number;
	local: number;
	method: number;
	size: number;
}

function zipEntries(zip: Uint8Array): ZipEntry[] {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	let eocd = zip.length - 22;
	while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
	if (eocd < 0) throw new Error('archive zip illisible');
	const count = view.getUint16(eocd + 10, true);
	let p = view.getUint32(eocd + 16, true);
	const entries: ZipEntry[] = [];
	for (let i = 0; i < count; i++) {
		if (view.getUint32(p, true) !== 0x02014b50) throw new Error('archive zip illisible');
		const nameLen = view.getUint16(p + 28, true);
		entries.push({
			name: new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLen)),
			central: p,
			local: view.getUint32(p + 42, true),
			method: view.getUint16(p + 10, true),
			size: view.getUint32(p + 20, true)
		});
		p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
	}
	return entries;
}

/** The parts of a zip archive (stored or deflated), by name. */
export function unzip(zip: Uint8Array): Map<string, Uint8Array> {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const parts = new Map<string, Uint8Array>();
	for (const e of zipEntries(zip)) {
		const start =
			e.local + 30 + view.getUint16(e.local + 26, true) + view.getUint16(e.local + 28, true);
		const raw = zip.subarray(start, start + e.size);
		parts.set(e.name, e.method === 8 ? new Uint8Array(inflateRawSync(raw)) : raw);
	}
	return parts;
}

/** The .xlsx template of a tabular kind, byte for byte the same on every run. */
export async function xlsxTemplate(kind: TabularKind): Promise<Uint8Array> {
	const buffer = await templateWorkbook(kind).xlsx.writeBuffer();
	return fixZipDates(new Uint8Array(buffer as ArrayBuffer));
}

/** Every generated .xlsx template, by name under static/contrat/. */
export async function xlsxArtifacts(): Promise<Record<string, Uint8Array>> {
	const files: Record<string, Uint8Array> = {};
	for (const kind of TABULAR_KINDS) files[`modele-${kind}.xlsx`] = await xlsxTemplate(kind);
	return files;
}

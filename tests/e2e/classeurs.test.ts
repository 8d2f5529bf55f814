// Workbooks end to end in Chromium, as the demo referent of Évry's CVE on a period without demo
// data: the same situations typed as a referent would (French labels, months as dates shown
// « mars 2026 ») are sent as CSV (v1), as an Excel workbook (v2) and as a LibreOffice one (v3),
// through the page; each is accepted in the browser, checked again by the server and stored as
// the very same rows. A refused workbook points at « Feuille « situations », cellule D8 ».
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FIELDS } from '../../data-contracts/fields';
import { generateRows } from '../../data-contracts/generate';
import { sqliteFile } from '../../src/lib/server/db';
import { useApp } from '../helpers/app';
import { clickAndRead } from './referent-helpers';
import { excelWorkbook, makeOds, referentTable } from '../helpers/spreadsheets';

const GROUP = 'evry-courcouronnes-cve';
const PERIOD = '2026-S1';

describe('workbooks uploaded in Chromium', () => {
	const app = useApp({
		signIn: 'referent.cve.evry@demo.bilans.fr',
		page: true,
		tmp: 'bp-classeurs-'
	});

	const gen = [...generateRows('situations', { seed: 21, rows: 60, period: PERIOD })];
	const { cells, csv } = referentTable(FIELDS.situations, gen);
	const uploadUrl = () => `${app.server.url}/groupe/${GROUP}/${PERIOD}/situations`;

	/** Stored rows of each version, without the submission id. */
	const storedRows = () => {
		const db = new Database(sqliteFile(app.server.dataDir), { readonly: true });
		try {
			const subs = db
				.prepare(
					"select id, version, filename from submissions where group_id = ? and period = ? and kind = 'situations' order by version"
				)
				.all(GROUP, PERIOD) as { id: string; version: number; filename: string }[];
			return subs.map((s) => ({
				version: s.version,
				filename: s.filename,
				rows: (
					db
						.prepare('select * from situation_rows where submission_id = ? order by line')
						.all(s.id) as Record<string, unknown>[]
				).map(({ submission_id: _, ...rest }) => rest)
			}));
		} finally {
			db.close();
		}
	};

	async function send(file: string, version: number) {
		await app.page.goto(uploadUrl());
		await app.page.setInputFiles('[data-testid=fichier]', file);
		await app.page.waitForSelector('[data-testid=conforme]', { timeout: 60_000 });
		expect(await clickAndRead(app.page, 'envoyer', 'resultat-envoi')).toContain(
			`version ${version} enregistrée (60 lignes)`
		);
	}

	it('the file input offers workbooks', async () => {
		await app.page.goto(uploadUrl());
		const accept = (await app.page.getAttribute('[data-testid=fichier]', 'accept')) ?? '';
		expect(accept).toContain('.xlsx');
		expect(accept).toContain('.ods');
		expect(accept).toContain('.csv');
	});

	it('stores an XLSX and an ODS as the same rows as the equivalent CSV', async () => {
		const csvFile = path.join(app.dir, 'situations.csv');
		writeFileSync(csvFile, '\uFEFF' + csv);
		const xlsxFile = path.join(app.dir, 'situations.xlsx');
		writeFileSync(xlsxFile, await excelWorkbook([{ name: 'situations', rows: cells }]));
		const odsFile = path.join(app.dir, 'situations.ods');
		writeFileSync(odsFile, makeOds([{ name: 'situations', rows: cells }]));
		await send(csvFile, 1);
		await send(xlsxFile, 2);
		await send(odsFile, 3);
		const versions = storedRows();
		expect(versions.map((v) => [v.version, v.filename])).toEqual([
			[1, 'situations.csv'],
			[2, 'situations.xlsx'],
			[3, 'situations.ods']
		]);
		expect(versions[0].rows).toHaveLength(60);
		expect(versions[0].rows.some((r) => r.date_premier_examen === gen[0].date_premier_examen)).toBe(
			true
		);
		expect(versions[1].rows).toEqual(versions[0].rows);
		expect(versions[2].rows).toEqual(versions[0].rows);
		// the workbook comes back as sent, byte for byte
		const res = await app.page.request.get(`${uploadUrl()}/original/2`);
		expect(res.status()).toBe(200);
		const { readFileSync } = await import('node:fs');
		expect(Buffer.compare(await res.body(), readFileSync(xlsxFile))).toBe(0);
		expect(app.console.filter((m) => /^(error|pageerror)/.test(m))).toEqual([]);
	}, 180_000);

	it('points at the refused cell of a workbook by sheet and cell', async () => {
		const bad = cells.map((r) => r.slice());
		bad[7][3] = 'vingt ans'; // D8: tranche_age
		const file = path.join(app.dir, 'refuse.xlsx');
		writeFileSync(file, await excelWorkbook([{ name: 'situations', rows: bad }]));
		await app.page.goto(uploadUrl());
		await app.page.setInputFiles('[data-testid=fichier]', file);
		await app.page.waitForSelector('[data-testid=grille]', { timeout: 60_000 });
		const cell = app.page.locator('td[data-cell="D8"]');
		await expect(cell.getAttribute('data-codes')).resolves.toContain('value.code');
		await expect(app.page.getByTestId('grille').textContent()).resolves.toContain(
			'Feuille « situations », cellule D8'
		);
		await expect(app.page.locator('[data-testid=envoyer]').count()).resolves.toBe(0);
	}, 120_000);
});

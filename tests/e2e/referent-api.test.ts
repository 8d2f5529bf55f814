// The referent's upload endpoint driven directly (bypassing the browser): every bad file gets a
// 4xx with the contracts' own report and nothing is stored; the size limit answers 413 before
// parsing; another group's referent gets 403; each version's original file goes back, byte for
// byte and audited, to the group's referents only; a SIGKILL while a large version is being
// stored leaves the previous version intact and no partial rows.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRows, rowsToCsv } from '../../data-contracts/generate';
import { contractView } from '../../data-contracts/report';
import { validateBytes } from '../../data-contracts/validate';
import { sqliteFile } from '../../src/lib/server/db';
import { startServer, type RunningServer } from '../helpers/server';
import { loginCookie } from './referent-helpers';
import { makeOds, makeXlsx, odsBomb, xlsxBomb } from '../helpers/spreadsheets';

const GROUP = 'evry-courcouronnes-cve';
const PERIOD = '2026-S1';
const enc = new TextEncoder();

function csv(rows: number, seed = 5, refOffset = 0): Uint8Array {
	return enc.encode(
		[
			...rowsToCsv(
				'situations',
				generateRows('situations', { seed, rows, period: PERIOD, refOffset })
			)
		].join('')
	);
}

function post(
	server: RunningServer,
	cookie: string,
	body: Uint8Array | string,
	kind = 'situations',
	query = '',
	name = 'test.csv'
) {
	const nom = encodeURIComponent(name);
	return fetch(`${server.url}/groupe/${GROUP}/${PERIOD}/${kind}/envoi?nom=${nom}${query}`, {
		method: 'POST',
		headers: { cookie, origin: server.url, 'content-type': 'text/csv' },
		body: typeof body === 'string' ? body : Buffer.from(body)
	});
}

const header =
	'ref_situation;date_premier_examen;problematique;tranche_age;sexe;quartier;information_interesse;accord;institution_pilote;strategie;nb_examens;transmission_hors_groupe;statut;evaluation;date_cloture;commentaire';
const good =
	'SIT-1;2026-02;addictions;14-15;F;;informe;obtenu;commune;mediation;2;aucune;en_cours;amelioration_partielle;;';

const BAD_FILES: [string, Uint8Array][] = [
	['empty', new Uint8Array(0)],
	['header only', enc.encode(header + '\r\n')],
	['xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0, 8, 0, 0, 0, 0x21, 0])],
	['png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
	['NUL bytes', enc.encode(`${header}\n${good.replace('SIT-1', 'SIT\u00001')}\n`)],
	['unclosed quote', enc.encode(`${header}\n${good.replace(';;', ';"oubli;')}\n`)],
	['ragged rows', enc.encode(`${header}\n${good};en trop\n${good.replace('SIT-1', 'SIT-2')}\n`)],
	['duplicate header', enc.encode(`${header};sexe\n${good};F\n`)],
	[
		'missing header',
		enc.encode(`${header.replace('problematique;', '')}\n${good.replace('addictions;', '')}\n`)
	],
	['identifier', enc.encode(`${header}\n${good}Rencontre avec Mme Dupont au 06 12 34 56 78\n`)],
	['1 MB line', enc.encode(`${header}\n${good}${'x'.repeat(1 << 20)}\n`)],
	// workbooks: hostile or not accepted, each refused with what to do
	['xlsx zip bomb', xlsxBomb(32)],
	['ods zip bomb', odsBomb(32)],
	[
		'300 sheets',
		makeXlsx(Array.from({ length: 300 }, (_, i) => ({ name: `F${i}`, rows: [['x']] })))
	],
	[
		'external link',
		makeXlsx([{ name: 'situations', rows: [header.split(';')] }], {
			extraParts: { 'xl/externalLinks/externalLink1.xml': '<externalLink/>' }
		})
	],
	[
		'xlsm',
		makeXlsx([{ name: 'situations', rows: [header.split(';')] }], {
			contentTypesExtra:
				'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>',
			extraParts: { 'xl/vbaProject.bin': new Uint8Array([1, 2, 3]) }
		})
	],
	['xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])],
	[
		'workbook with a refused cell',
		makeOds([
			{
				name: 'situations',
				rows: [header.split(';'), good.replace('14-15', 'vingt ans').split(';')]
			}
		])
	]
];

describe('referent upload endpoint', () => {
	let server: RunningServer;
	let cookie: string;
	let other: string;

	beforeAll(async () => {
		server = await startServer({ env: { BP_DEMO: '1' }, timeoutMs: 180_000 });
		cookie = await loginCookie(server.url, 'referent.cve.evry@demo.bilans.fr');
		other = await loginCookie(server.url, 'referent.clspd.massy@demo.bilans.fr');
	}, 240_000);
	afterAll(async () => server?.stop());

	const stored = () => {
		const db = new Database(sqliteFile(server.dataDir), { readonly: true });
		try {
			return (
				db
					.prepare('select count(*) as n from submissions where group_id = ? and period = ?')
					.get(GROUP, PERIOD) as { n: number }
			).n;
		} finally {
			db.close();
		}
	};

	it('answers every bad file with a 4xx and the contracts’ report, storing nothing', async () => {
		for (const [name, bytes] of BAD_FILES) {
			const res = await post(server, cookie, bytes);
			expect(res.status, name).toBe(422);
			const body = (await res.json()) as {
				ok: boolean;
				report: Parameters<typeof contractView>[0];
			};
			expect(body.ok, name).toBe(false);
			expect(contractView(body.report), name).toEqual(
				contractView(validateBytes('situations', bytes))
			);
		}
		expect(stored()).toBe(0);
	});

	it('refuses a body over 50 MB with 413 and a French report', async () => {
		const big = new Uint8Array(51 * 1024 * 1024).fill(0x41);
		const res = await post(server, cookie, big);
		expect(res.status).toBe(413);
		const body = (await res.json()) as { report: { errors: { code: string; message: string }[] } };
		expect(body.report.errors[0].code).toBe('file.too_large');
		expect(body.report.errors[0].message).toMatch(/taille maximale est 50 Mo/);
		expect(stored()).toBe(0);
	});

	it('refuses another group’s referent and anonymous visitors', async () => {
		expect((await post(server, other, csv(3))).status).toBe(403);
		const anon = await fetch(`${server.url}/groupe/${GROUP}/${PERIOD}/situations/envoi`, {
			method: 'POST',
			headers: { origin: server.url, 'content-type': 'text/csv' },
			body: 'x'
		});
		expect(anon.status).toBe(401);
		for (const path of [
			`/groupe/${GROUP}`,
			`/groupe/${GROUP}/${PERIOD}/situations`,
			`/groupe/${GROUP}/${PERIOD}/bilan`,
			`/groupe/${GROUP}/2025-S2/situations/lignes`
		]) {
			const res = await fetch(server.url + path, {
				headers: { cookie: other },
				redirect: 'manual'
			});
			expect(res.status, path).toBe(403);
		}
		expect(stored()).toBe(0);
	});

	it('stores v1, recognises the same bytes, stores v2 with a change summary', async () => {
		const v1 = await post(server, cookie, csv(30));
		expect(v1.status).toBe(201);
		expect(await v1.json()).toMatchObject({ version: 1, rows: 30 });
		const dup = await post(server, cookie, csv(30));
		expect(dup.status).toBe(200);
		expect(((await dup.json()) as { message: string }).message).toBe(
			'Ce fichier a déjà été envoyé (version 1) : rien n’a été ajouté.'
		);
		const v2 = await post(server, cookie, csv(32));
		expect(v2.status).toBe(201);
		const body = (await v2.json()) as { version: number; changes: string };
		expect(body.version).toBe(2);
		expect(body.changes).toMatch(/^Par rapport à la version 1 : /);
		expect(stored()).toBe(2);
		const db = new Database(sqliteFile(server.dataDir), { readonly: true });
		const refused = db
			.prepare("select details from audit_log where action = 'upload.refused' and target_id = ?")
			.all(GROUP) as { details: string }[];
		db.close();
		expect(refused.length).toBeGreaterThanOrEqual(BAD_FILES.length + 1);
		expect(JSON.parse(refused[0].details).errors).toEqual({ 'file.empty': 1 });
	});

	it('gives the group’s referents the original bytes of each version, audited', async () => {
		const sent = csv(33);
		const v3 = await post(server, cookie, sent, 'situations', '', 'Situations été "2026".csv');
		expect(v3.status).toBe(201);
		const url = (version: number | string) =>
			`${server.url}/groupe/${GROUP}/${PERIOD}/situations/original/${version}`;
		const get = (version: number | string, who = cookie) =>
			fetch(url(version), { headers: { cookie: who }, redirect: 'manual' });

		const res = await get(3);
		expect(res.status).toBe(200);
		expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(sent))).toBe(true);
		expect(res.headers.get('cache-control')).toBe('private, no-store');
		expect(res.headers.get('content-disposition')).toBe(
			`attachment; filename="situations-ete-2026.csv"; filename*=UTF-8''Situations%20%C3%A9t%C3%A9%202026.csv`
		);
		// older versions stay downloadable, each with its own bytes
		const first = await get(1);
		expect(first.status).toBe(200);
		expect(Buffer.from(await first.arrayBuffer()).equals(Buffer.from(csv(30)))).toBe(true);
		expect(first.headers.get('content-disposition')).toMatch(/^attachment; filename="test\.csv"/);

		for (const missing of [4, 0, 'x', '1e0'])
			expect((await get(missing)).status, String(missing)).toBe(404);
		const elu = await loginCookie(server.url, 'elu.evry@demo.bilans.fr');
		for (const who of [other, elu]) {
			const denied = await get(3, who);
			expect(denied.status).toBe(403);
			expect(Buffer.from(await denied.arrayBuffer()).includes(Buffer.from(sent))).toBe(false);
		}
		expect((await fetch(url(3), { redirect: 'manual' })).status).toBe(303);

		const db = new Database(sqliteFile(server.dataDir), { readonly: true });
		const downloads = db
			.prepare(
				"select actor_label, target_type, details from audit_log where action = 'submission.download' order by id"
			)
			.all() as { actor_label: string; target_type: string; details: string }[];
		db.close();
		expect(downloads).toHaveLength(2);
		expect(downloads.every((d) => d.actor_label === 'referent.cve.evry@demo.bilans.fr')).toBe(true);
		expect(JSON.parse(downloads[0].details)).toEqual({
			group: GROUP,
			kind: 'situations',
			period: PERIOD,
			version: 3,
			sha256: createHash('sha256').update(sent).digest('hex')
		});

		// a version stored before the bytes were kept (size 0) is said gone, not served empty
		const rw = new Database(sqliteFile(server.dataDir));
		rw.prepare(
			"update submission_files set bytes = x'' where submission_id = (select id from submissions where group_id = ? and period = ? and kind = 'situations' and version = 1)"
		).run(GROUP, PERIOD);
		rw.close();
		expect((await get(1)).status).toBe(410);
	});
});

describe('a SIGKILL while storing a large version', () => {
	it('keeps the previous version and leaves no partial one', async () => {
		const first = await startServer({ env: { BP_DEMO: '1' }, keepData: true, timeoutMs: 180_000 });
		const dataDir = first.dataDir;
		const file = sqliteFile(dataDir);
		try {
			// Generated first: on a loaded machine it takes seconds, and a kept-alive connection
			// left idle that long may be closed by the server just as the next post reuses it.
			const large = csv(270_000, 9, 1000); // 47 MB, under the limit
			const cookie = await loginCookie(first.url, 'referent.cve.evry@demo.bilans.fr');
			const v1 = await post(first, cookie, csv(25));
			expect(v1.status).toBe(201);
			const walSize = () => {
				try {
					return statSync(`${file}-wal`).size;
				} catch {
					return 0;
				}
			};
			const before = walSize();
			let answered: number | 'killed' | null = null;
			// confirmed: 270,000 situations are implausible for the group's communes
			const inflight = post(first, cookie, large, 'situations', '&confirmer=1').then(
				(r) => (answered = r.status),
				() => (answered = 'killed')
			);
			// Wait until the server is writing the new version's rows (its WAL grows), then kill it.
			const deadline = Date.now() + 60_000;
			while (walSize() < before + 4 * 1024 * 1024 && answered === null && Date.now() < deadline)
				await new Promise((r) => setTimeout(r, 20));
			expect(answered, 'the large upload finished before the kill: make it larger').toBeNull();
			first.process.kill('SIGKILL');
			await first.stop();
			await inflight;
			expect(answered).toBe('killed');
		} finally {
			await first.stop('SIGKILL');
		}
		const second = await startServer({ dataDir, timeoutMs: 180_000 });
		await second.stop();
		const db = new Database(file, { readonly: true });
		try {
			const versions = db
				.prepare(
					"select id, version, status, row_count from submissions where group_id = ? and period = ? and kind = 'situations'"
				)
				.all(GROUP, PERIOD) as { id: string; version: number; status: string; row_count: number }[];
			expect(versions.map((v) => [v.version, v.status, v.row_count])).toEqual([
				[1, 'submitted', 25]
			]);
			const rows = db
				.prepare('select count(*) as n from situation_rows where submission_id = ?')
				.get(versions[0].id) as { n: number };
			expect(rows.n).toBe(25);
			const orphans = db
				.prepare(
					'select count(*) as n from situation_rows where submission_id not in (select id from submissions)'
				)
				.get() as { n: number };
			expect(orphans.n).toBe(0);
			const files = db
				.prepare(
					'select count(*) as n from submission_files where submission_id not in (select id from submissions)'
				)
				.get() as { n: number };
			expect(files.n).toBe(0);
		} finally {
			db.close();
		}
	}, 300_000);
});

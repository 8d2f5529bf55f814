// Reference geography from @etalab/decoupage-administratif (pinned at 6.0.0: the COG vintage the
// app ships with). Read from node_modules at migration time rather than bundled: 12 MB of JSON.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { MigrationDb } from './migrations';

interface RawCommune {
	code: string;
	nom: string;
	type: string;
	departement?: string;
	arrondissement?: string;
	population?: number;
}
interface RawEpci {
	code: string;
	nom: string;
	type: string;
	membres: { code: string }[];
}
interface RawNamed {
	code: string;
	nom: string;
	departement?: string;
}

function readJson<T>(file: string): T {
	const require = createRequire(import.meta.url);
	const resolved = require.resolve(`@etalab/decoupage-administratif/data/${file}`);
	return JSON.parse(readFileSync(resolved, 'utf8')) as T;
}

export const REFERENCE_VINTAGE = '@etalab/decoupage-administratif 6.0.0';

async function insertChunks(db: MigrationDb, table: string, rows: object[], size = 500) {
	for (let i = 0; i < rows.length; i += size) {
		await db
			.insertInto(table)
			.values(rows.slice(i, i + size))
			.execute();
	}
}

export async function loadReferenceData(db: MigrationDb): Promise<void> {
	const departements = readJson<RawNamed[]>('departements.json');
	const arrondissements = readJson<RawNamed[]>('arrondissements.json');
	const epcis = readJson<RawEpci[]>('epci.json');
	const departementCodes = new Set(departements.map((d) => d.code));
	const arrondissementCodes = new Set(arrondissements.map((a) => a.code));
	const communes = readJson<RawCommune[]>('communes.json').filter(
		(c) => c.type === 'commune-actuelle' && c.departement && departementCodes.has(c.departement)
	);
	const epciOf = new Map<string, string>();
	for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);

	await insertChunks(
		db,
		'departements',
		departements.map((d) => ({ code: d.code, nom: d.nom }))
	);
	await insertChunks(
		db,
		'arrondissements',
		arrondissements
			.filter((a) => a.departement && departementCodes.has(a.departement))
			.map((a) => ({ code: a.code, nom: a.nom, departement: a.departement }))
	);
	await insertChunks(
		db,
		'epci',
		epcis.map((e) => ({ code: e.code, nom: e.nom, type: e.type }))
	);
	await insertChunks(
		db,
		'communes',
		communes.map((c) => ({
			code: c.code,
			nom: c.nom,
			departement: c.departement,
			arrondissement:
				c.arrondissement && arrondissementCodes.has(c.arrondissement) ? c.arrondissement : null,
			epci: epciOf.get(c.code) ?? null,
			population: c.population ?? 0
		}))
	);
}

// Repairs text stored before Windows-1252 was decoded by the WHATWG table: Node had read bytes
// 0x80–0x9F as Latin-1 control characters (« l\u0092orientation »). Every text column fed from an
// uploaded file gets them mapped back to the characters meant (« l’orientation »). Idempotent.
import { sql, type Migration, type RawBuilder } from 'kysely';
import { hasLatin1Controls, repairLatin1Controls } from '$contracts/reader/win1252';
import type { Dialect, MigrationDb } from './migrations';

type Db = MigrationDb;

/** Tables holding text read from uploaded files: their key columns and their text columns. */
export const REPAIRED_TEXT: { table: string; keys: string[]; columns: string[] }[] = [
	{
		table: 'situation_rows',
		keys: ['submission_id', 'line'],
		columns: ['ref_situation', 'commentaire']
	},
	{ table: 'incident_rows', keys: ['submission_id', 'line'], columns: ['description'] },
	{
		table: 'bilan_rows',
		keys: ['submission_id'],
		columns: [
			'institution_designee',
			'faits_marquants',
			'difficultes',
			'bonnes_pratiques',
			'perspectives'
		]
	},
	{ table: 'bilan_drafts', keys: ['group_id', 'period'], columns: ['content'] }
];

/** A predicate true when the column holds a character of U+0080–U+009F. */
function holdsControls(dialect: Dialect, column: string): RawBuilder<boolean> {
	const col = sql.ref(column);
	return dialect === 'postgres'
		? sql<boolean>`${col} ~ ('[' || chr(128) || '-' || chr(159) || ']')`
		: sql<boolean>`${col} GLOB ('*[' || char(128) || '-' || char(159) || ']*')`;
}

export async function repairStoredText(db: Db, dialect: Dialect): Promise<number> {
	let repaired = 0;
	for (const { table, keys, columns } of REPAIRED_TEXT) {
		const rows = (await db
			.selectFrom(table)
			.select([...keys, ...columns])
			.where((eb) => eb.or(columns.map((c) => holdsControls(dialect, c))))
			.execute()) as Record<string, unknown>[];
		for (const row of rows) {
			const set: Record<string, string> = {};
			for (const c of columns) {
				const v = row[c];
				if (typeof v === 'string' && hasLatin1Controls(v)) set[c] = repairLatin1Controls(v);
			}
			if (!Object.keys(set).length) continue;
			let q = db.updateTable(table).set(set);
			for (const k of keys) q = q.where(k, '=', row[k] as string);
			await q.execute();
			repaired++;
		}
	}
	return repaired;
}

export function textRepairMigration(dialect: Dialect): Migration {
	return { up: async (db: Db) => void (await repairStoredText(db, dialect)) };
}

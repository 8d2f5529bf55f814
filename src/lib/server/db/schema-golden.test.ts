// The schema a fresh database gets from the migrations, dumped per dialect and compared with the
// committed golden files: a refactoring of the migrations must produce the very same DDL.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testStores } from '../../../../tests/helpers/stores';
import type { Store } from '.';

type Row = Record<string, unknown>;

async function rows(store: Store, query: ReturnType<typeof sql>): Promise<Row[]> {
	return (await query.execute(store.db)).rows as Row[];
}

const lines = (title: string, list: Row[]) =>
	[`-- ${title}`, ...list.map((r) => Object.values(r).map(String).join(' | ')), ''].join('\n');

async function sqliteSchema(store: Store): Promise<string> {
	const objects = await rows(
		store,
		sql`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`
	);
	const parts = [lines('objects', objects)];
	for (const { name } of objects.filter((o) => o.type === 'table')) {
		const table = sql.lit(String(name));
		parts.push(
			lines(`${name} columns`, await rows(store, sql`SELECT * FROM pragma_table_info(${table})`)),
			lines(`${name} indexes`, await rows(store, sql`SELECT * FROM pragma_index_list(${table})`)),
			lines(
				`${name} foreign keys`,
				await rows(store, sql`SELECT * FROM pragma_foreign_key_list(${table})`)
			)
		);
	}
	return parts.join('\n');
}

async function postgresSchema(store: Store): Promise<string> {
	const schema = String((await rows(store, sql`SELECT current_schema() AS s`))[0].s);
	const parts = [
		lines(
			'columns',
			await rows(
				store,
				sql`SELECT table_name, ordinal_position, column_name, data_type, udt_name, is_nullable,
					column_default FROM information_schema.columns WHERE table_schema = current_schema()
					ORDER BY table_name, ordinal_position`
			)
		),
		lines(
			'constraints',
			await rows(
				store,
				sql`SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid) FROM pg_constraint k
					JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = k.connamespace
					WHERE n.nspname = current_schema() ORDER BY c.relname, k.conname`
			)
		),
		lines(
			'indexes',
			await rows(
				store,
				sql`SELECT tablename, indexname, indexdef FROM pg_indexes
					WHERE schemaname = current_schema() ORDER BY tablename, indexname`
			)
		),
		lines(
			'sequences',
			await rows(
				store,
				sql`SELECT sequence_name, data_type, start_value, increment FROM information_schema.sequences
					WHERE sequence_schema = current_schema() ORDER BY sequence_name`
			)
		),
		lines(
			'triggers',
			await rows(
				store,
				sql`SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t
					JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
					WHERE NOT t.tgisinternal AND n.nspname = current_schema() ORDER BY c.relname, t.tgname`
			)
		),
		lines(
			'functions',
			await rows(
				store,
				sql`SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p
					JOIN pg_namespace n ON n.oid = p.pronamespace
					WHERE n.nspname = current_schema() ORDER BY p.proname`
			)
		)
	];
	return parts.join('\n').replaceAll(schema, '<schema>');
}

async function migrationNames(store: Store): Promise<string> {
	const names = await rows(store, sql`SELECT name FROM kysely_migration ORDER BY timestamp, name`);
	return names.map((n) => `${n.name}\n`).join('');
}

describe.each(testStores())('schema on $name', (backend) => {
	it('records the migrations by name, in order, and creates the golden schema to the byte', async () => {
		const store = await backend.open();
		try {
			await expect(await migrationNames(store)).toMatchFileSnapshot(
				'./schema-golden/migrations.txt'
			);
			const dump =
				backend.name === 'sqlite' ? await sqliteSchema(store) : await postgresSchema(store);
			await expect(dump).toMatchFileSnapshot(`./schema-golden/${backend.name}.txt`);
		} finally {
			await backend.dispose();
		}
	}, 120_000);
});

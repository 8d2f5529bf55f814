// The tables and indexes of the migrations, declared as a compact schema text so that each
// migration reads as its schema and the kysely builder chain is written once. The SQL emitted is
// the chain's own: schema-golden.test.ts holds every migrated schema to the byte.
import {
	sql,
	type ColumnDefinitionBuilder,
	type CreateTableBuilder,
	type Migration,
	type RawBuilder
} from 'kysely';
import type { MigrationDb } from './migrations';

/**
 * A schema, as statements ended by `;` (`--` starts a comment to the end of the line):
 * `table: columns` creates a table, `index name on table: a, b` an index over those columns.
 * Columns are separated by commas, each `name` followed by its modifiers: `name!` not null;
 * `int`, `blob`, `bytea` or `bigserial` for a column that is not text; `pk` primary key,
 * `autoincrement`, `unique`; `=0` or `=open` a numeric or text default; `>table.column` a
 * reference, `cascade` to delete with the row referred. Table constraints are written as in SQL:
 * `primary key (a, b)` (named `<table>_pk`) and `unique <name> (a, b)`.
 */
export type Schema = string;

type Table = CreateTableBuilder<string, string>;

type Modifier = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

const MODIFIERS: Record<string, Modifier> = {
	pk: (c) => c.primaryKey(),
	autoincrement: (c) => c.autoIncrement(),
	unique: (c) => c.unique(),
	cascade: (c) => c.onDelete('cascade')
};

function modifier(token: string): Modifier {
	if (token.startsWith('>')) return (c) => c.references(token.slice(1));
	if (token.startsWith('=')) {
		const value = token.slice(1);
		return (c) => c.defaultTo(/^-?\d+$/.test(value) ? Number(value) : value);
	}
	const known = MODIFIERS[token];
	if (!known) throw new Error(`unknown column modifier « ${token} »`);
	return known;
}

/** Column types other than `text` and `int`, by dialect: bytes and serial ids. */
const RAW_TYPES = ['blob', 'bytea', 'bigserial'];

const CONSTRAINT = /^(primary key|unique (\w+)) \(([^)]*)\)$/;

function addColumn(table: Table, spec: string): Table {
	const [head, ...tokens] = spec.split(/\s+/);
	const notNull = head.endsWith('!');
	const name = notNull ? head.slice(0, -1) : head;
	let type: 'text' | 'integer' | RawBuilder<unknown> = 'text';
	if (tokens[0] === 'int' || RAW_TYPES.includes(tokens[0])) {
		const token = tokens.shift()!;
		type = token === 'int' ? 'integer' : sql.raw(token);
	}
	const modifiers = tokens.map(modifier);
	if (notNull) modifiers.unshift((c) => c.notNull());
	return table.addColumn(name, type, (c) => modifiers.reduce((b, m) => m(b), c));
}

function addEntry(table: Table, entry: string, name: string): Table {
	const constraint = CONSTRAINT.exec(entry);
	if (!constraint) return addColumn(table, entry);
	const columns = constraint[3].split(/,\s*/);
	return constraint[2]
		? table.addUniqueConstraint(constraint[2], columns)
		: table.addPrimaryKeyConstraint(`${name}_pk`, columns);
}

function list(text: string): string[] {
	return text
		.split(/,(?![^(]*\))/)
		.map((e) => e.trim().replace(/\s+/g, ' '))
		.filter(Boolean);
}

/** Creates the tables and indexes of `schema`, in its order. */
export async function createSchema(db: MigrationDb, schema: Schema): Promise<void> {
	const statements = schema.replace(/--.*$/gm, '').split(';');
	for (const statement of statements.filter((s) => s.trim())) {
		const [head, body] = statement.split(/:(.*)/s).map((part) => part.trim());
		if (!body) throw new Error(`schema statement without columns: « ${head} »`);
		const index = /^index (\w+) on (\w+)$/.exec(head);
		if (index) {
			await db.schema.createIndex(index[1]).on(index[2]).columns(list(body)).execute();
		} else {
			const table = db.schema.createTable(head) as Table;
			await list(body)
				.reduce((b, entry) => addEntry(b, entry, head), table)
				.execute();
		}
	}
}

/** A migration that only creates the tables and indexes of `schema`. */
export function schemaMigration(schema: Schema): Migration {
	return { up: (db: MigrationDb) => createSchema(db, schema) };
}

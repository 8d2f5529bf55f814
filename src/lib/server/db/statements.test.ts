import { describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { cachePreparedStatements } from '.';

function database() {
	const sqlite = new SQLite(':memory:');
	cachePreparedStatements(sqlite);
	sqlite.exec('create table t (id integer primary key, name text)');
	sqlite.prepare('insert into t (name) values (?), (?)').run('a', 'b');
	return sqlite;
}

describe('prepared statement cache (SQLite)', () => {
	it('reuses the statement of the same SQL, with each call’s parameters', () => {
		const sqlite = database();
		const select = 'select name from t where id = ?';
		const first = sqlite.prepare(select);
		expect(sqlite.prepare(select)).toBe(first);
		expect(sqlite.prepare(select).all(1)).toEqual([{ name: 'a' }]);
		expect(sqlite.prepare(select).all(2)).toEqual([{ name: 'b' }]);
		expect(sqlite.prepare('select name from t where id = ? ')).not.toBe(first);
	});
	it('drops the least recently used statement past its size', () => {
		const sqlite = database();
		const kept = sqlite.prepare('select 0');
		const dropped = sqlite.prepare('select -1');
		for (let i = 1; i < 200; i++) {
			sqlite.prepare(`select ${i}`);
			sqlite.prepare('select 0');
		}
		expect(sqlite.prepare('select 0')).toBe(kept);
		expect(sqlite.prepare('select -1')).not.toBe(dropped);
	});
	it('sees a schema change made after the statement was prepared', () => {
		const sqlite = database();
		expect(sqlite.prepare('select * from t where id = 1').get()).toEqual({ id: 1, name: 'a' });
		sqlite.exec("alter table t add column extra text default 'x'");
		expect(sqlite.prepare('select * from t where id = 1').get()).toEqual({
			id: 1,
			name: 'a',
			extra: 'x'
		});
	});
});

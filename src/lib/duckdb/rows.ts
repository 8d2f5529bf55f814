// Arrow results → plain JS rows: what pages, tables and charts consume. BigInt (COUNT, SUM)
// becomes number; dates become ISO strings; nested values become arrays and objects.
import { DataType, Vector, type Field, type Table } from 'apache-arrow';

export type SqlValue = string | number | boolean | null | SqlValue[] | { [key: string]: SqlValue };
export type Row = Record<string, SqlValue>;

function isoDate(ms: number, withTime: boolean): string {
	const iso = new Date(ms).toISOString();
	return withTime ? iso : iso.slice(0, 10);
}

export function plainValue(value: unknown, type?: DataType): SqlValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'number') {
		if (type && DataType.isDate(type)) return isoDate(value, false);
		if (type && DataType.isTimestamp(type)) return isoDate(value, true);
		return value;
	}
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (value instanceof Date) return isoDate(value.getTime(), !(type && DataType.isDate(type)));
	if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
		return Array.from(value as unknown as ArrayLike<number | bigint>, (v) => plainValue(v));
	}
	if (value instanceof Vector) {
		const child = type?.children?.[0]?.type;
		return Array.from(value as Iterable<unknown>, (x) => plainValue(x, child));
	}
	if (typeof value === 'object') {
		const v = value as { toJSON?: () => unknown };
		const json = typeof v.toJSON === 'function' ? v.toJSON() : value;
		if (Array.isArray(json)) return json.map((x) => plainValue(x));
		const children = new Map<string, DataType>(
			(type?.children ?? []).map((f: Field) => [f.name, f.type])
		);
		const out: Record<string, SqlValue> = {};
		for (const [k, x] of Object.entries(json as object)) out[k] = plainValue(x, children.get(k));
		return out;
	}
	return String(value);
}

/** Every row of an Arrow table as a plain object, column by column (no proxies kept). */
export function tableToRows<T = Row>(table: Table): T[] {
	const fields = table.schema.fields;
	const columns = fields.map((f, i) => ({
		name: f.name,
		type: f.type,
		vector: table.getChildAt(i)
	}));
	const rows: Record<string, SqlValue>[] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		const row: Record<string, SqlValue> = {};
		for (const c of columns) row[c.name] = plainValue(c.vector?.get(r), c.type);
		rows[r] = row;
	}
	return rows as T[];
}

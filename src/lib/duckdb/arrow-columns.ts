// Arrow columns built directly from their buffers, without apache-arrow's builders: those
// compile a validity check with `new Function`, which the app's Content-Security-Policy (no
// 'unsafe-eval') forbids. Also the fast path: one pass per column into typed arrays.
import { Bool, Float64, Int32, Table, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';

export type ColumnType = 'varchar' | 'integer' | 'double' | 'boolean' | 'date';

export interface ColumnDef {
	name: string;
	type: ColumnType;
}

const encoder = new TextEncoder();

/** Little-endian validity bitmap (bit i set when value i is present), as Arrow lays it out. */
function packBits(length: number, isSet: (i: number) => boolean): Uint8Array {
	const bits = new Uint8Array(((length + 63) >> 6) << 3);
	for (let i = 0; i < length; i++) if (isSet(i)) bits[i >> 3] |= 1 << (i & 7);
	return bits;
}

function toNumber(v: unknown): number | null {
	if (v === null || v === undefined || v === '') return null;
	if (typeof v === 'number') return Number.isFinite(v) ? v : null;
	if (typeof v === 'bigint') return Number(v);
	const n = Number(String(v).trim().replace(',', '.'));
	return Number.isFinite(n) ? n : null;
}

function toBoolean(v: unknown): boolean | null {
	if (v === null || v === undefined || v === '') return null;
	if (typeof v === 'boolean') return v;
	if (typeof v === 'number') return v !== 0;
	const s = String(v).trim().toLowerCase();
	if (['1', 'true', 'oui', 'vrai', 'o'].includes(s)) return true;
	if (['0', 'false', 'non', 'faux', 'n'].includes(s)) return false;
	return null;
}

function toText(v: unknown, type: ColumnType): string | null {
	if (v === null || v === undefined) return null;
	if (v instanceof Date) return type === 'date' ? v.toISOString().slice(0, 10) : v.toISOString();
	const s = String(v);
	return s === '' && type === 'date' ? null : s;
}

/** One column of values (any JS values; converted to `type`, null when not convertible). */
export function columnVector(type: ColumnType, values: readonly unknown[]): Vector {
	return buildColumn(type, values.length, (i) => values[i]);
}

function buildColumn(type: ColumnType, length: number, valueAt: (i: number) => unknown): Vector {
	switch (type) {
		case 'integer':
		case 'double': {
			const data = type === 'integer' ? new Int32Array(length) : new Float64Array(length);
			let nullCount = 0;
			const valid = new Uint8Array(length);
			for (let i = 0; i < length; i++) {
				const n = toNumber(valueAt(i));
				if (n === null) nullCount++;
				else {
					data[i] = type === 'integer' ? Math.trunc(n) : n;
					valid[i] = 1;
				}
			}
			return makeVector(
				makeData({
					type: type === 'integer' ? new Int32() : new Float64(),
					length,
					nullCount,
					nullBitmap: nullCount ? packBits(length, (i) => valid[i] === 1) : null,
					data
				} as Parameters<typeof makeData>[0])
			);
		}
		case 'boolean': {
			const parsed = Array.from({ length }, (_, i) => toBoolean(valueAt(i)));
			const nullCount = parsed.filter((b) => b === null).length;
			return makeVector(
				makeData({
					type: new Bool(),
					length,
					nullCount,
					nullBitmap: nullCount ? packBits(length, (i) => parsed[i] !== null) : null,
					data: packBits(length, (i) => parsed[i] === true)
				})
			);
		}
		default: {
			// Contract columns are mostly codes: encode each distinct string once.
			const cache = new Map<string, Uint8Array>();
			const offsets = new Int32Array(length + 1);
			const present = new Uint8Array(length);
			let data = new Uint8Array(Math.max(1024, length * 8));
			let pos = 0;
			let nullCount = 0;
			for (let i = 0; i < length; i++) {
				const t = toText(valueAt(i), type);
				if (t === null) nullCount++;
				else {
					present[i] = 1;
					let bytes = cache.get(t);
					if (!bytes) {
						bytes = encoder.encode(t);
						if (cache.size < 65_536) cache.set(t, bytes);
					}
					if (pos + bytes.length > data.length) {
						const grown = new Uint8Array(Math.max(data.length * 2, pos + bytes.length));
						grown.set(data.subarray(0, pos));
						data = grown;
					}
					data.set(bytes, pos);
					pos += bytes.length;
				}
				offsets[i + 1] = pos;
			}
			return makeVector(
				makeData({
					type: new Utf8(),
					length,
					nullCount,
					nullBitmap: nullCount ? packBits(length, (i) => present[i] === 1) : null,
					valueOffsets: offsets,
					data: data.subarray(0, pos)
				})
			);
		}
	}
}

/** Rows (arrays in `columns` order, or objects keyed by name) as an Arrow table. */
export function rowsToTable(
	columns: readonly ColumnDef[],
	rows: readonly (readonly unknown[])[] | readonly Record<string, unknown>[]
): Table {
	const byName = rows.length > 0 && !Array.isArray(rows[0]);
	const vectors: Record<string, Vector> = {};
	columns.forEach((c, j) => {
		vectors[c.name] = byName
			? buildColumn(c.type, rows.length, (i) => (rows[i] as Record<string, unknown>)[c.name])
			: buildColumn(c.type, rows.length, (i) => (rows[i] as readonly unknown[])[j]);
	});
	return new Table(vectors);
}

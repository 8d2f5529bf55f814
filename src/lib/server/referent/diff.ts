// What changed between two versions of a group's file, for the history ("3 lignes ajoutées,
// 1 supprimée, 5 modifiées — évaluation : 4, statut : 1"). Rows are matched by their key:
// situations by ref_situation, séances by date (several séances on a date are paired in file
// order), incidents have no key and are compared as a multiset of whole rows (added/removed
// only). Incremental on the new side, so a million rows are streamed, never kept twice.
import type { TabularKind } from '$contracts/codes';
import { FIELDS } from '$contracts/fields';
import { formatNumber, plural } from '$lib/format';

export interface ChangeSummary {
	previousVersion: number;
	added: number;
	removed: number;
	changed: number;
	unchanged: number;
	/** changed cells per canonical column */
	byColumn: Record<string, number>;
}

type Value = string | number | boolean | null | undefined;

const SEP = '\u001f';

/** Canonical text of a value, whether it comes from the validator or from the database. */
export function canonicalValue(kind: TabularKind, column: string, v: Value): string {
	if (v === null || v === undefined) return '';
	const field = FIELDS[kind].find((f) => f.name === column);
	if (field?.type === 'boolean') return v === true || v === 1 || v === 'oui' ? 'oui' : 'non';
	return String(v);
}

const KEYS: Record<TabularKind, string | null> = {
	situations: 'ref_situation',
	seances: 'date_seance',
	incidents: null
};

export class ChangeTracker {
	private readonly columns: string[];
	private readonly key: string | null;
	/** previous rows by key: a queue of encoded rows (several rows may share a key) */
	private readonly previous = new Map<string, string[]>();
	private added = 0;
	private changed = 0;
	private unchanged = 0;
	private readonly byColumn: Record<string, number> = {};

	constructor(
		private readonly kind: TabularKind,
		private readonly previousVersion: number,
		previousRows: Iterable<Record<string, Value>> = []
	) {
		this.columns = FIELDS[kind].map((f) => f.name);
		this.key = KEYS[kind];
		for (const r of previousRows) this.remember(r);
	}

	/** Adds a row of the previous version (all of them before the first `add`). */
	remember(r: Record<string, Value>): void {
		const enc = this.encode(r);
		const k = this.keyOf(r, enc);
		const q = this.previous.get(k);
		if (q) q.push(enc);
		else this.previous.set(k, [enc]);
	}

	private encode(r: Record<string, Value>): string {
		return this.columns.map((c) => canonicalValue(this.kind, c, r[c])).join(SEP);
	}

	private keyOf(r: Record<string, Value>, enc: string): string {
		return this.key ? canonicalValue(this.kind, this.key, r[this.key]) : enc;
	}

	add(r: Record<string, Value>): void {
		const enc = this.encode(r);
		const k = this.keyOf(r, enc);
		const q = this.previous.get(k);
		if (!q || q.length === 0) {
			this.added++;
			return;
		}
		// Prefer an identical previous row with this key, else the first one.
		let i = q.indexOf(enc);
		if (i === -1) i = 0;
		const old = q[i];
		q.splice(i, 1);
		if (q.length === 0) this.previous.delete(k);
		if (old === enc) {
			this.unchanged++;
			return;
		}
		this.changed++;
		const a = old.split(SEP);
		const b = enc.split(SEP);
		this.columns.forEach((c, j) => {
			if (a[j] !== b[j]) this.byColumn[c] = (this.byColumn[c] ?? 0) + 1;
		});
	}

	summary(): ChangeSummary {
		let removed = 0;
		for (const q of this.previous.values()) removed += q.length;
		return {
			previousVersion: this.previousVersion,
			added: this.added,
			removed,
			changed: this.changed,
			unchanged: this.unchanged,
			byColumn: { ...this.byColumn }
		};
	}
}

/** French one-liner of a summary, with the column labels of the contract. */
export function describeChanges(kind: TabularKind, s: ChangeSummary): string {
	const parts: string[] = [];
	if (s.added) parts.push(plural(s.added, 'ligne ajoutée', 'lignes ajoutées'));
	if (s.removed) parts.push(plural(s.removed, 'ligne supprimée', 'lignes supprimées'));
	if (s.changed) parts.push(plural(s.changed, 'ligne modifiée', 'lignes modifiées'));
	if (!parts.length) return `Aucune ligne changée par rapport à la version ${s.previousVersion}.`;
	const cols = Object.entries(s.byColumn)
		.sort((a, b) => b[1] - a[1])
		.map(([c, n]) => {
			const label = FIELDS[kind].find((f) => f.name === c)?.label ?? c;
			return `${label.toLowerCase()} : ${formatNumber(n)}`;
		});
	return `Par rapport à la version ${s.previousVersion} : ${parts.join(', ')}${cols.length ? ` (${cols.join(', ')})` : ''}.`;
}

// zod 4 schemas of contract v1, built from the field definitions (fields.ts): one strict object
// per kind with every cell rule, the cross-field rules and the identifier scan. The fast checker
// (checks.ts) is derived from the same definitions; tests check that both agree.
import { z } from 'zod';
import { BILAN_SECTIONS, INSTITUTIONS, type TabularKind } from './codes';
import { compileField, requiredMessage } from './checks';
import {
	CROSS_RULES,
	DATE_RE,
	FIELDS,
	INTEGER_RE,
	MONTH_RE,
	QUARTIER_RE,
	REF_RE,
	type FieldDef
} from './fields';
import { BILAN_MAX_SECTION } from './bilan';
import { scanText } from './pii/detect';
import { codeNormalizer, codesNormalizer, normalizeMonth } from './normalize';

const anyOf = (codes: readonly string[]) =>
	codes.map((c) => c.replace(/[|+\\.-]/g, (m) => `\\${m}`)).join('|');

/** A label, another case or another month spelling becomes the contract's own value first. */
function canonical(d: FieldDef): ((v: string) => string | null) | null {
	const set = { codes: d.codes ?? [], labels: d.labels };
	if (d.type === 'code' || d.type === 'boolean') return codeNormalizer(set);
	if (d.type === 'codes') return codesNormalizer(set);
	if (d.type === 'month') return normalizeMonth;
	return null;
}

function fieldSchema(d: FieldDef): z.ZodType<string> {
	const meta = { description: `${d.label} : ${d.description}.`, examples: [d.example] };
	const check = compileField(d);
	const error = (iss: { input?: unknown }) =>
		iss.input === undefined || iss.input === ''
			? requiredMessage(d)
			: (check(String(iss.input))?.message ??
				`Valeur invalide : indiquez ${d.description} (exemple : ${d.example}).`);
	const e = { error };
	let s: z.ZodType<string>;
	switch (d.type) {
		case 'code':
		case 'boolean':
			s = z.enum(d.codes as [string, ...string[]], e);
			break;
		case 'codes':
			s = z
				.string(e)
				.regex(new RegExp(`^(?:${anyOf(d.codes ?? [])})(?:\\|(?:${anyOf(d.codes ?? [])}))*$`), e);
			break;
		case 'month':
			s = z.string(e).regex(MONTH_RE, e);
			break;
		case 'date':
			s = z.string(e).regex(DATE_RE, e);
			break;
		case 'integer':
			s = z.string(e).regex(INTEGER_RE, e);
			break;
		case 'quartier':
			s = z.string(e).regex(QUARTIER_RE, e);
			break;
		case 'ref':
			s = z.string(e).regex(REF_RE, e).min(3, e).max(20, e);
			break;
		case 'text':
			s = z.string(e).max(d.maxLength ?? 500, e);
			break;
	}
	// the same rule functions as the fast path, so messages and edge cases agree
	s = s.superRefine((v, ctx) => {
		const p = check(v);
		if (p) ctx.addIssue({ code: 'custom', message: p.message, params: { code: p.code } });
		else if (d.freeText)
			for (const f of scanText(v))
				ctx.addIssue({ code: 'custom', message: f.message, params: { code: f.code } });
	});
	s = s.meta(meta);
	const canon = canonical(d);
	if (!canon) return s;
	return z.preprocess(
		(v) => (typeof v === 'string' ? (canon(v) ?? v) : v),
		s
	) as unknown as z.ZodType<string>;
}

const cache = new Map<TabularKind, z.ZodType<Record<string, string>>>();

/** Strict schema of one row: keys are canonical column names, absent cells omitted. */
export function rowSchema(kind: TabularKind): z.ZodType<Record<string, string>> {
	let s = cache.get(kind);
	if (s) return s;
	const shape: Record<string, z.ZodType<string | undefined>> = {};
	for (const d of FIELDS[kind]) {
		const f = fieldSchema(d);
		shape[d.name] = d.required === true ? f : f.optional();
	}
	const rules = CROSS_RULES[kind];
	s = z
		.strictObject(shape, {
			error: (iss) =>
				iss.code === 'unrecognized_keys'
					? `Colonne(s) hors contrat : ${iss.keys.join(', ')}. Supprimez-les ou renommez-les.`
					: undefined
		})
		.superRefine((row, ctx) => {
			for (const r of rules) {
				const m = r.check(row as Record<string, string | undefined>);
				if (m)
					ctx.addIssue({ code: 'custom', path: [r.column], message: m, params: { code: r.code } });
			}
		}) as unknown as z.ZodType<Record<string, string>>;
	cache.set(kind, s);
	return s;
}

/** Drops empty cells (contract: empty cell = absent) and trims the others. */
export function toRecord(row: Record<string, string | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(row)) {
		const t = (v ?? '').trim();
		if (t !== '') out[k] = t;
	}
	return out;
}

const section = (s: (typeof BILAN_SECTIONS.codes)[number]) =>
	z
		.string()
		.trim()
		.min(
			1,
			`La section « ${BILAN_SECTIONS.labels[s]} » est vide : rédigez quelques lignes (ou « Néant »).`
		)
		.max(BILAN_MAX_SECTION)
		.superRefine((v, ctx) => {
			for (const f of scanText(v))
				ctx.addIssue({ code: 'custom', message: f.message, params: { code: f.code } });
		})
		.meta({
			description: `${BILAN_SECTIONS.labels[s]} : texte libre, sans aucune donnée personnelle.`
		});

/** The qualitative bilan as entered in the form. */
export const bilanFormSchema = z.strictObject({
	faits_marquants: section('faits_marquants'),
	difficultes: section('difficultes'),
	bonnes_pratiques: section('bonnes_pratiques'),
	perspectives: section('perspectives'),
	institution: z.enum(INSTITUTIONS.codes).meta({
		description:
			'Institution du membre désigné par le groupe pour conduire le bilan (un code, jamais un nom).'
	})
});

/** JSON Schema (draft 2020-12) of a kind's rows, or of the bilan form. */
export function jsonSchema(kind: TabularKind | 'bilan'): Record<string, unknown> {
	const s = kind === 'bilan' ? bilanFormSchema : rowSchema(kind);
	return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

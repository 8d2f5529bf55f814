// The annual departmental bilan for the Conseil départemental de prévention: participation of the
// groups, the statistical synthesis and the protocol indicators from the year's protected release
// (semesters aggregated by the release builder), incidents, the groups' qualitative bilans of both
// semesters by instance type and theme (`./qualitative`: sentences checked by the contracts'
// identifier scan, a flagged one is never shown) and the analyst's commentary, saved per year.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { KIND_LABELS, KINDS, type Kind } from '$contracts/codes';
import { periodLabel } from '$contracts/period';
import { hbarChart } from '$lib/charts/spec';
import { isHidden } from '$lib/format';
import {
	codeLabel,
	findCell,
	OTHER_CODE,
	VARIABLE_BY_NAME,
	type Release,
	type Variable
} from '$lib/release';
import type { CountRow } from '$lib/departement/types';
import type { Database } from '../db/schema';
import { currentSubmissions } from '../submissions';
import { withSvg } from '../charts';
import { HIDDEN, type ExportCell, type ExportTable } from '../exports/table';
import { departementPeriods, departementRelease } from './data';
import { completenessText } from '$lib/completeness';
import { completenessOf } from '../completeness';
import { qualitativeDigest } from './qualitative';
import type { CrossTable } from '$lib/departement/types';

export type { CrossTable };

type Db = Kysely<Database>;
type CellQuery = Parameters<typeof findCell>[1];

export const COMMENTARY_SECTIONS = [
	{ id: 'introduction', label: 'Introduction' },
	{ id: 'synthese', label: 'Commentaire de la synthèse statistique' },
	{ id: 'protocole', label: 'Commentaire sur l’application du protocole' },
	{ id: 'perspectives', label: 'Perspectives pour l’année à venir' }
] as const;
export type CommentarySection = (typeof COMMENTARY_SECTIONS)[number]['id'];

export const commentarySchema = z.object({
	section: z.enum(
		COMMENTARY_SECTIONS.map((s) => s.id) as [CommentarySection, ...CommentarySection[]]
	),
	body: z.string().max(20_000, 'Texte trop long (20 000 caractères au plus)')
});

export interface ParticipationRow {
	period: string;
	kind: Kind;
	expected: number;
	sent: number;
}

export async function saveCommentary(
	db: Db,
	departement: string,
	year: number,
	input: z.infer<typeof commentarySchema>,
	actorId: string | null
): Promise<void> {
	const now = new Date().toISOString();
	await db
		.insertInto('annual_commentaries')
		.values({
			departement,
			year,
			section: input.section,
			body: input.body,
			updated_at: now,
			updated_by: actorId
		})
		.onConflict((oc) =>
			oc
				.columns(['departement', 'year', 'section'])
				.doUpdateSet({ body: input.body, updated_at: now, updated_by: actorId })
		)
		.execute();
}

export async function commentaries(
	db: Db,
	departement: string,
	year: number
): Promise<Record<string, string>> {
	const rows = await db
		.selectFrom('annual_commentaries')
		.select(['section', 'body'])
		.where('departement', '=', departement)
		.where('year', '=', year)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.section, r.body]));
}

async function participation(db: Db, departement: string, periods: string[]) {
	const all = await db
		.selectFrom('groups')
		.select('id')
		.where('departement', '=', departement)
		.execute();
	const out: ParticipationRow[] = [];
	for (const period of periods) {
		const campaign = await db
			.selectFrom('campaigns')
			.select(['id', 'kinds'])
			.where('departement', '=', departement)
			.where('period', '=', period)
			.executeTakeFirst();
		const expected = campaign
			? (
					await db
						.selectFrom('campaign_groups')
						.select('group_id')
						.where('campaign_id', '=', campaign.id)
						.execute()
				).map((r) => r.group_id)
			: all.map((g) => g.id);
		const kinds = campaign ? (JSON.parse(campaign.kinds) as Kind[]) : [...KINDS];
		const sent = expected.length
			? await currentSubmissions(db)
					.select(['group_id', 'kind'])
					.distinct()
					.where('period', '=', period)
					.where('group_id', 'in', expected)
					.execute()
			: [];
		for (const kind of kinds)
			out.push({
				period,
				kind,
				expected: expected.length,
				sent: new Set(sent.filter((s) => s.kind === kind).map((s) => s.group_id)).size
			});
	}
	return out;
}

/** A count of the release as a table row: a hidden or missing cell has no value. */
function countRow(release: Release, at: CellQuery, code: string, label: string): CountRow {
	const c = findCell(release, at);
	return {
		code,
		label,
		value: c && c.status === 'published' ? c.value : null,
		status: c?.status ?? 'published'
	};
}

function byVariable(release: Release, measure: 'situations' | 'incidents', variable: string) {
	const v = VARIABLE_BY_NAME.get(variable);
	if (!v) return [];
	// Rare categories regrouped by the release read as one "other" row.
	const regrouped = release.recoded?.[variable] ?? [];
	const codes = [
		...v.codes.filter((c) => !regrouped.includes(c)),
		...(regrouped.length ? [OTHER_CODE] : [])
	];
	return codes.map((code) =>
		countRow(release, { measure, unit: '*', variable, code }, code, codeLabel(v, code))
	);
}

function crossOf(release: Release, rowVar: Variable, colVar: Variable): CrossTable {
	const rowCodes = new Set<string>();
	const colCodes = new Set<string>();
	for (const c of release.cells) {
		if (c.unit !== '*' || c.variable !== rowVar.name || c.variable2 !== colVar.name) continue;
		rowCodes.add(c.code);
		if (c.code2) colCodes.add(c.code2);
	}
	const ordered = (v: Variable, seen: Set<string>) => [
		...v.codes.filter((c) => seen.has(c)),
		...[...seen].filter((c) => !v.codes.includes(c)).sort()
	];
	const columns = ordered(colVar, colCodes).map((code) => ({
		code,
		label: codeLabel(colVar, code)
	}));
	return {
		rowHeader: rowVar.label,
		columns,
		rows: ordered(rowVar, rowCodes).map((code) => ({
			code,
			label: codeLabel(rowVar, code),
			cells: columns.map((col) =>
				countRow(
					release,
					{ unit: '*', variable: rowVar.name, code, variable2: colVar.name, code2: col.code },
					col.code,
					col.label
				)
			)
		}))
	};
}

/** The year's figures by variable: the statistical synthesis, the protocol and the incidents. */
function yearFigures(release: Release) {
	const situations = (name: string) => byVariable(release, 'situations', name);
	const incidents = (name: string) => byVariable(release, 'incidents', name);
	const variable = (name: string) => VARIABLE_BY_NAME.get(name) as Variable;
	return {
		stats: {
			problematique: situations('problematique'),
			tranche_age: situations('tranche_age'),
			sexe: situations('sexe'),
			institution_pilote: situations('institution_pilote'),
			statut: situations('statut'),
			evaluation: situations('evaluation'),
			qpv: situations('qpv'),
			examens: situations('examens'),
			delai_cloture: situations('delai_cloture')
		},
		crosses: {
			ageSexe: crossOf(release, variable('tranche_age'), variable('sexe'))
		},
		protocol: {
			information_interesse: situations('information_interesse'),
			accord: situations('accord'),
			transmission_hors_groupe: situations('transmission_hors_groupe')
		},
		incidents: {
			sens: incidents('sens'),
			motif: incidents('motif'),
			suite: incidents('suite')
		}
	};
}

/** The two printed charts of the bilan (problems, lead institutions). */
function yearCharts(release: Release, stats: ReturnType<typeof yearFigures>['stats']) {
	const chart = (id: string, title: string, rows: CountRow[], categoryLabel: string) =>
		withSvg(
			hbarChart({
				id,
				title,
				k: release.k,
				print: true,
				categoryLabel,
				valueLabel: 'Effectif',
				data: rows.map((r) => ({
					category: r.code,
					label: r.label,
					value: r.value,
					status: r.status
				}))
			})
		);
	return {
		problematique: chart(
			'bilan-problematique',
			'Situations par problématique',
			stats.problematique,
			'Problématique'
		),
		institution: chart(
			'bilan-institution',
			'Situations par institution pilote',
			stats.institution_pilote,
			'Institution pilote'
		)
	};
}

export async function annualBilan(db: Db, departement: string, year: number) {
	const all = await departementPeriods(db, departement);
	const periods = all.filter((p) => p.startsWith(`${year}-`));
	// the year's figures sum its published periods only (publishing the complete ones first); a
	// period not published is named, never counted (so an incomplete year never reads as a fall)
	const { release } = await departementRelease(db, departement, String(year));
	const complete = await completenessOf(db, { departement }, periods);
	const published = periods.filter((p) => complete.get(p)?.provisional === false);
	const [part, qualitative, comments] = await Promise.all([
		participation(db, departement, periods),
		qualitativeDigest(db, departement, published),
		commentaries(db, departement, year)
	]);
	const total = findCell(release, {});
	const incidentsTotal = findCell(release, { measure: 'incidents' });
	const m = release.meetings.find((x) => x.unit === '*');
	const figures = yearFigures(release);
	return {
		year,
		departement,
		scopeLabel: release.scopeLabel,
		k: release.k,
		periods: periods.map((p) => ({ code: p, label: periodLabel(p) })),
		/** per semester: one not published is named, and counted nowhere */
		completeness: periods.map((p) => ({ label: periodLabel(p), ...complete.get(p)! })),
		unpublished: periods.filter((p) => !published.includes(p)).map((p) => periodLabel(p)),
		participation: part.map((p) => ({ ...p, kindLabel: KIND_LABELS[p.kind] })),
		groupCount: release.groups.length,
		total: total ? { value: total.value, status: total.status } : null,
		incidentsTotal: incidentsTotal
			? { value: incidentsTotal.value, status: incidentsTotal.status }
			: null,
		meetings: m ?? null,
		...figures,
		charts: yearCharts(release, figures.stats),
		qualitative,
		commentaries: comments,
		hidden: release.stats.hidden
	};
}

export type AnnualBilan = Awaited<ReturnType<typeof annualBilan>>;

const cellOf = (r: CountRow): ExportCell => (isHidden(r.status) ? HIDDEN : r.value);

function countTable(title: string, header: string, rows: CountRow[], notes: string[]): ExportTable {
	return {
		title,
		columns: [{ header }, { header: 'Effectif', kind: 'count' }],
		rows: rows.map((r) => [r.label, cellOf(r)]),
		notes
	};
}

function crossTable(title: string, t: CrossTable, notes: string[]): ExportTable {
	return {
		title,
		columns: [
			{ header: t.rowHeader },
			...t.columns.map((c) => ({ header: c.label, kind: 'count' as const }))
		],
		rows: t.rows.map((r) => [r.label, ...r.cells.map(cellOf)]),
		notes
	};
}

/** Every table of the annual bilan, as exports. */
export function annualTables(b: AnnualBilan) {
	// Every export of the year says whether its semesters are complete.
	const note = [
		`Bilan annuel ${b.year} — ${b.scopeLabel}.`,
		...b.completeness.map((c) => `${c.label} — ${completenessText(c)}`)
	];
	return {
		participation: {
			title: `Participation ${b.year}`,
			columns: [
				{ header: 'Période' },
				{ header: 'Fichier' },
				{ header: 'Groupes attendus', kind: 'count' },
				{ header: 'Groupes ayant envoyé', kind: 'count' },
				{ header: 'Taux de participation (%)', kind: 'percent' }
			],
			rows: b.participation.map((p) => [
				periodLabel(p.period),
				p.kindLabel,
				p.expected,
				p.sent,
				p.expected ? (p.sent * 100) / p.expected : null
			]),
			notes: note
		} satisfies ExportTable,
		problematique: countTable('Problématiques', 'Problématique', b.stats.problematique, note),
		age: countTable('Tranches d’âge', 'Tranche d’âge', b.stats.tranche_age, note),
		institution: countTable(
			'Institutions pilotes',
			'Institution pilote',
			b.stats.institution_pilote,
			note
		),
		information: countTable(
			'Information des personnes',
			'Information',
			b.protocol.information_interesse,
			note
		),
		transmission: countTable(
			'Transmissions',
			'Transmission hors du groupe',
			b.protocol.transmission_hors_groupe,
			note
		),
		incidents: countTable('Incidents par motif', 'Motif', b.incidents.motif, note),
		qpv: countTable('Quartiers prioritaires', 'Quartier', b.stats.qpv, note),
		examens: countTable('Examens par situation', 'Nombre d’examens', b.stats.examens, note),
		'delai-cloture': countTable(
			'Délai du premier examen à la clôture',
			'Délai (situations clôturées)',
			b.stats.delai_cloture,
			note
		),
		'age-sexe': crossTable('Tranche d’âge et sexe', b.crosses.ageSexe, note)
	};
}

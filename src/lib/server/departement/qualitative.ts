// The qualitative part of the annual departmental bilan: every group's bilan of every semester of
// the year, grouped by instance type and by theme (the four sections of the protocol's bilan), each
// distinct statement once with the groups and semesters that made it. Sentences are screened
// with the contracts' identifier scan (the plenary's `screenText`): a flagged one is never shown,
// only counted.
import type { Kysely } from 'kysely';
import { BILAN_SECTIONS, INSTANCE_TYPES } from '$contracts/codes';
import { periodLabel } from '$contracts/period';
import type { QualitativeDigest, StatementSource } from '$lib/departement/types';
import type { Database } from '../db/schema';
import { publishedBilanRows, screenText } from '../plenary/bilans';

export interface BilanRow {
	groupId: string;
	groupName: string;
	instanceType: string;
	period: string;
	sections: Record<string, string | null>;
}

const collator = new Intl.Collator('fr');

/** Groups the year's bilans by instance type and theme (pure: the tests feed it rows). */
export function digestBilans(rows: BilanRow[], periods: string[]): QualitativeDigest {
	let skipped = 0;
	const types = new Map<string, Map<string, Map<string, Map<string, StatementSource>>>>();
	const groupsOf = new Map<string, Set<string>>();
	const bilansOf = new Map<string, Map<string, number>>();
	for (const r of rows) {
		const byTheme = types.get(r.instanceType) ?? new Map();
		types.set(r.instanceType, byTheme);
		groupsOf.set(r.instanceType, (groupsOf.get(r.instanceType) ?? new Set()).add(r.groupId));
		const counts = bilansOf.get(r.instanceType) ?? new Map<string, number>();
		counts.set(r.period, (counts.get(r.period) ?? 0) + 1);
		bilansOf.set(r.instanceType, counts);
		for (const section of BILAN_SECTIONS.codes) {
			const screened = screenText(String(r.sections[section] ?? ''));
			skipped += screened.withheld;
			const statements = byTheme.get(section) ?? new Map<string, Map<string, StatementSource>>();
			byTheme.set(section, statements);
			for (const p of screened.passages) {
				if (p.text === null) continue;
				const sources = statements.get(p.text) ?? new Map<string, StatementSource>();
				statements.set(p.text, sources);
				const source = sources.get(r.groupId) ?? {
					groupId: r.groupId,
					groupName: r.groupName,
					periods: []
				};
				if (!source.periods.includes(r.period)) source.periods.push(r.period);
				source.periods.sort();
				sources.set(r.groupId, source);
			}
		}
	}
	const labels = INSTANCE_TYPES.labels as Record<string, string>;
	const order = INSTANCE_TYPES.codes as readonly string[];
	return {
		periods: periods.map((code) => ({
			code,
			label: periodLabel(code),
			bilans: rows.filter((r) => r.period === code).length
		})),
		skipped,
		types: [...types.entries()]
			.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
			.map(([instanceType, byTheme]) => ({
				instanceType,
				label: labels[instanceType] ?? instanceType,
				groups: groupsOf.get(instanceType)?.size ?? 0,
				bilans: periods.map((p) => ({
					period: p,
					label: periodLabel(p),
					count: bilansOf.get(instanceType)?.get(p) ?? 0
				})),
				themes: BILAN_SECTIONS.codes
					.map((section) => ({
						section,
						label: BILAN_SECTIONS.labels[section],
						// Most shared first, then in French alphabetical order.
						statements: [...(byTheme.get(section)?.entries() ?? [])]
							.map(([text, sources]) => ({
								text,
								sources: [...sources.values()].sort((a, b) =>
									collator.compare(a.groupName, b.groupName)
								)
							}))
							.sort(
								(a, b) => b.sources.length - a.sources.length || collator.compare(a.text, b.text)
							)
					}))
					.filter((t) => t.statements.length > 0)
			}))
	};
}

/** The year's published bilans of the département's groups, every semester. */
export async function qualitativeDigest(
	db: Kysely<Database>,
	departement: string,
	periods: string[]
): Promise<QualitativeDigest> {
	const rows = await publishedBilanRows(db, departement, periods);
	return digestBilans(
		rows.map((r) => ({
			groupId: r.group_id,
			groupName: r.name,
			instanceType: r.instance_type,
			period: r.period,
			sections: {
				faits_marquants: r.faits_marquants,
				difficultes: r.difficultes,
				bonnes_pratiques: r.bonnes_pratiques,
				perspectives: r.perspectives
			}
		})),
		periods
	);
}

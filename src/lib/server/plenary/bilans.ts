// The groups' qualitative bilans for the plenary page: the current `bilan` submission of each
// group of the commune for the period. They were checked on upload, but the detector improves
// and texts can be edited by hand in the database: every passage is scanned again with the
// contracts' `scanText` before display, and a flagged sentence is dropped (never sent to the
// browser) and replaced by a note.
import type { Kysely } from 'kysely';
import { BILAN_SECTIONS, INSTITUTIONS } from '$contracts/codes';
import { scanText } from '$contracts/pii/detect';
import type { Database } from '../db/schema';
import { currentSubmissions } from '../submissions';

import type { BilanPassage, GroupBilan } from '$lib/plenary/types';

export type { BilanPassage, GroupBilan };
export { WITHHELD_NOTE } from '$lib/plenary/withheld';

/** Sentences of a text (kept with their punctuation); paragraphs break on blank lines. */
export function sentences(text: string): string[] {
	return text
		.split(/\n\s*\n/)
		.flatMap((para) =>
			para
				.replace(/\s+/g, ' ')
				.trim()
				.split(/(?<=[.!?…])\s+(?=\S)/)
		)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** The text as passages; any sentence with a finding is withheld. */
export function screenText(text: string): { passages: BilanPassage[]; withheld: number } {
	const passages: BilanPassage[] = [];
	let withheld = 0;
	for (const s of sentences(text)) {
		if (scanText(s).length) {
			withheld++;
			// consecutive withheld sentences read as one note
			if (passages.length && passages[passages.length - 1].text === null) continue;
			passages.push({ text: null });
		} else passages.push({ text: s });
	}
	return { passages, withheld };
}

/**
 * The current `bilan` submissions (institution and four sections) for some periods, of some
 * groups or of a département's groups, with each group's name and instance type.
 */
export async function currentBilanRows(
	db: Kysely<Database>,
	where: { periods: string[]; groupIds?: string[]; departement?: string }
) {
	if (!where.periods.length || where.groupIds?.length === 0) return [];
	let q = db
		.selectFrom('bilan_rows as b')
		.innerJoin(currentSubmissions(db).selectAll().as('s'), 's.id', 'b.submission_id')
		.innerJoin('groups as g', 'g.id', 's.group_id')
		.select([
			's.group_id',
			'g.name',
			'g.instance_type',
			's.period',
			'b.institution_designee',
			'b.faits_marquants',
			'b.difficultes',
			'b.bonnes_pratiques',
			'b.perspectives'
		])
		.where('s.period', 'in', where.periods)
		.where('s.kind', '=', 'bilan');
	if (where.groupIds) q = q.where('s.group_id', 'in', where.groupIds);
	if (where.departement) q = q.where('g.departement', '=', where.departement);
	return q.execute();
}

export async function groupBilans(
	db: Kysely<Database>,
	groupIds: string[],
	period: string
): Promise<GroupBilan[]> {
	const rows = await currentBilanRows(db, { groupIds, periods: [period] });
	return rows.map((r) => {
		let withheld = 0;
		const sections = BILAN_SECTIONS.codes.map((key) => {
			const screened = screenText(String(r[key] ?? ''));
			withheld += screened.withheld;
			return { key, label: BILAN_SECTIONS.labels[key], passages: screened.passages };
		});
		const institution =
			(INSTITUTIONS.labels as Record<string, string>)[r.institution_designee] ??
			'Institution non reconnue';
		return { groupId: r.group_id, institution, sections, withheld };
	});
}

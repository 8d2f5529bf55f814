// The groups' qualitative bilans for the plenary page: the current `bilan` submission of each
// group of the commune for the period. They were checked on upload, but the detector improves
// and texts can be edited by hand in the database: every passage is scanned again with the
// contracts' `scanText` before display, and a flagged sentence is dropped (never sent to the
// browser) and replaced by a note.
import type { Kysely } from 'kysely';
import { BILAN_SECTIONS, INSTITUTIONS } from '$contracts/codes';
import { scanText } from '$contracts/pii/detect';
import type { Database } from '../db/schema';
import { publicationsOf } from '../releases/publications';

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
 * The `bilan` submissions (institution and four sections) with each group's name and instance
 * type. Audiences read the versions a publication recorded, never a later one: a bilan revised
 * after its period was published is held like the figures (`releases/publish.ts`).
 */
function bilanQuery(db: Kysely<Database>) {
	return db
		.selectFrom('bilan_rows as b')
		.innerJoin('submissions as s', 's.id', 'b.submission_id')
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
		.where('s.kind', '=', 'bilan');
}

/** The bilans published for some periods of a département's groups. */
export async function publishedBilanRows(
	db: Kysely<Database>,
	departement: string,
	periods: string[]
) {
	const publications = await publicationsOf(db, departement, periods);
	const ids = [...publications.values()].flatMap((p) =>
		Object.values(p.ids).flatMap((kinds) => (kinds.bilan ? [kinds.bilan] : []))
	);
	if (!ids.length) return [];
	return bilanQuery(db).where('s.id', 'in', ids).execute();
}

/** The bilans of the versions a release reads (`ReleaseGroup.versions.bilan`). */
async function releasedBilanRows(
	db: Kysely<Database>,
	period: string,
	groups: { id: string; versions: Record<string, number> }[]
) {
	const wanted = groups.filter((g) => g.versions.bilan !== undefined);
	if (!wanted.length) return [];
	return bilanQuery(db)
		.where('s.period', '=', period)
		.where((eb) =>
			eb.or(
				wanted.map((g) =>
					eb.and([eb('s.group_id', '=', g.id), eb('s.version', '=', g.versions.bilan)])
				)
			)
		)
		.execute();
}

/** The groups' bilans for a release: the versions it was cut from, screened. */
export async function groupBilans(
	db: Kysely<Database>,
	groups: { id: string; versions: Record<string, number> }[],
	period: string
): Promise<GroupBilan[]> {
	const rows = await releasedBilanRows(db, period, groups);
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

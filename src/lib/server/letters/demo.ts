// Why: the demo department needs incident letters for the referent's follow-up page and the
// annual bilan's section: a few letters per group and year, deterministic (ids included, so tests
// can name one), some answered and closed, a few still open; notes are ordinary protocol wording.
import type { Transaction } from 'kysely';
import { INSTITUTIONS } from '$contracts/codes';
import { hashSeed, rng } from '$contracts/generate';
import { DIRECTIONS, REASONS } from '$lib/letters';
import type { Database } from '../db/schema';

interface SeedGroup {
	id: string;
	members: readonly string[];
}

export const DEMO_LETTER_YEARS = [2023, 2024, 2025, 2026];
/** Nothing in the demo happens after this day. */
const DEMO_LAST_DAY = '2026-11-30';

const NOTES = [
	'Rappel des règles de confidentialité adressé au représentant de l’institution.',
	'Information transmise hors du groupe sans son accord ; rencontre proposée.',
	'L’institution conteste la stratégie retenue en séance.',
	''
];

const addDays = (day: string, n: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const demoLetterId = (groupId: string, n: number) => `demo-lettre-${groupId}-${n}`;

export async function seedDemoLetters(trx: Transaction<Database>, groups: SeedGroup[]) {
	const at = '2026-11-30T09:00:00.000Z';
	for (const g of groups) {
		const r = rng(hashSeed('lettres', g.id));
		const institutions = g.members.length ? g.members : INSTITUTIONS.codes;
		let n = 0;
		for (const year of DEMO_LETTER_YEARS) {
			const count = Math.floor(r() * 4) + (g.id === 'evry-courcouronnes-cve' ? 1 : 0);
			for (let i = 0; i < count; i++) {
				n += 1;
				const start = addDays(`${year}-01-01`, Math.floor(r() * (year === 2026 ? 300 : 364)));
				const replied = r() < 0.75;
				const reply = replied ? addDays(start, 3 + Math.floor(r() * r() * 120)) : null;
				const closed = replied && r() < 0.8 ? addDays(reply!, Math.floor(r() * 90)) : null;
				const within = (d: string | null) => (d && d <= DEMO_LAST_DAY ? d : null);
				const note = NOTES[Math.floor(r() * NOTES.length)];
				await trx
					.insertInto('incident_letters')
					.values({
						id: demoLetterId(g.id, n),
						group_id: g.id,
						letter_date: start,
						direction: DIRECTIONS.codes[r() < 0.6 ? 0 : 1],
						institution: institutions[Math.floor(r() * institutions.length)],
						reason: REASONS.codes[Math.floor(r() * r() * REASONS.codes.length)],
						note: note || null,
						reply_date: within(reply),
						closed_date: within(reply) ? within(closed) : null,
						created_by: null,
						created_at: at,
						updated_by: null,
						updated_at: at
					})
					.execute();
			}
		}
	}
}

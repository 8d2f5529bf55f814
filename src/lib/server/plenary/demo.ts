// The demo's plenary sessions: two for Évry-Courcouronnes (spring and autumn 2025, receiving its
// groups' bilans of the semester before) and one in autumn 2025 for every other demo commune of
// two, so that the annual bilan of 2025 has shares large enough to be published. Fixed ids and
// dates: the same seed always gives the same sessions.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';

export const DEMO_EVRY = '91228';
export const DEMO_PLENARY_IDS = ['demo-pleniere-91228-2025-03', 'demo-pleniere-91228-2025-10'];

const DIAGNOSTIC =
	'Les partenaires constatent une hausse du décrochage scolaire au collège et des situations de ' +
	'conduites à risque le soir dans les quartiers prioritaires.\n\nLes délais de première réponse ' +
	'se sont réduits depuis que l’ordre du jour est transmis une semaine avant chaque séance.';
const ORIENTATIONS =
	'Renforcer la présence de l’Éducation nationale dans la cellule de veille éducative.\n\n' +
	'Organiser une séance commune avec la prévention spécialisée au prochain semestre et évaluer ' +
	'les stratégies adoptées à chaque rencontre.';

interface Session {
	id: string;
	commune: string;
	date: string;
	period: string;
}

export async function seedDemoPlenary(
	trx: Transaction<Database>,
	groups: { id: string; communes: string[] }[]
): Promise<void> {
	const communes = [...new Set(groups.flatMap((g) => (g.communes.length === 1 ? g.communes : [])))];
	const sessions: Session[] = [
		{ id: DEMO_PLENARY_IDS[0], commune: DEMO_EVRY, date: '2025-03-20', period: '2024-S2' },
		{ id: DEMO_PLENARY_IDS[1], commune: DEMO_EVRY, date: '2025-10-09', period: '2025-S1' },
		...communes
			.filter((c, i) => c !== DEMO_EVRY && i % 2 === 0)
			.map((c) => ({
				id: `demo-pleniere-${c}-2025-11`,
				commune: c,
				date: '2025-11-13',
				period: '2025-S1'
			}))
	];
	for (const s of sessions) {
		const at = `${s.date}T18:00:00.000Z`;
		await trx
			.insertInto('plenary_sessions')
			.values({
				id: s.id,
				commune_code: s.commune,
				session_date: s.date,
				orientations: ORIENTATIONS,
				diagnostic: DIAGNOSTIC,
				created_by: null,
				created_at: at,
				updated_by: null,
				updated_at: at
			})
			.execute();
		const presented = groups.filter((g) => g.communes.length === 1 && g.communes[0] === s.commune);
		if (presented.length)
			await trx
				.insertInto('plenary_presentations')
				.values(presented.map((g) => ({ session_id: s.id, group_id: g.id, period: s.period })))
				.execute();
	}
}

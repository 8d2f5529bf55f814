// The communes whose bilan the user may read: an élu with one commune goes straight to it; the
// analyste and the admin get the département's communes that have groups (searchable).
import { redirect } from '@sveltejs/kit';
import { communesVisibleTo, requireRole } from '$lib/server/auth/scopes';
import type { PageServerLoad } from './$types';

export const load = (async (event) => {
	const user = requireRole(event, 'elu', 'analyste', 'admin');
	const db = event.locals.store.db;
	const visible = await communesVisibleTo(user, db);
	const rows = visible.length
		? await db
				.selectFrom('communes')
				.leftJoin('group_communes', 'group_communes.commune_code', 'communes.code')
				.select(({ fn }) => [
					'communes.code',
					'communes.nom',
					'communes.population',
					fn.count<number>('group_communes.group_id').as('groups')
				])
				.where('communes.code', 'in', visible)
				.groupBy(['communes.code', 'communes.nom', 'communes.population'])
				.orderBy('communes.nom')
				.execute()
		: [];
	const isDept = user.roles.some((r) => r.role === 'analyste' || r.role === 'admin');
	// Département roles see the communes that have groups; an élu sees all of its own.
	const communes = rows
		.map((r) => ({ ...r, groups: Number(r.groups) }))
		.filter((r) => !isDept || r.groups > 0);
	if (!isDept && communes.length === 1) redirect(303, `/commune/${communes[0].code}`);
	const q = event.url.searchParams.get('q')?.trim() ?? '';
	const norm = (s: string) =>
		s
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase();
	const shown = q
		? communes.filter((c) => norm(c.nom).includes(norm(q)) || c.code.startsWith(q))
		: communes;
	return { communes: shown, total: communes.length, q };
}) satisfies PageServerLoad;

// Filters of the campaign status board (commune, instance type, state), shared by the page and
// its export, and the board as an export table.
import { z } from 'zod';
import { INSTANCE_TYPES, KIND_LABELS, type Kind } from '$contracts/codes';
import type { ExportTable } from '../exports/table';
import { STATE_LABELS, STAGE_LABELS, type Board, type Campaign } from './campaigns';
import type { BoardEntry } from '$lib/departement/types';
import { formatDate, formatNumber, plural } from '$lib/format';

const filterSchema = z.object({
	commune: z.string().max(10).catch(''),
	type: z.string().max(60).catch(''),
	etat: z.string().max(40).catch('')
});
export type BoardFilters = z.infer<typeof filterSchema>;

export function boardFilters(params: URLSearchParams): BoardFilters {
	return filterSchema.parse({
		commune: params.get('commune') ?? '',
		type: params.get('type') ?? '',
		etat: params.get('etat') ?? ''
	});
}

/** Entries of the groups matching the filters (a group shows whole when one of its kinds matches). */
export function filterBoard(entries: BoardEntry[], f: BoardFilters): BoardEntry[] {
	const groups = new Set(
		entries
			.filter(
				(e) =>
					(!f.commune || e.communes.some((c) => c.code === f.commune)) &&
					(!f.type || e.instanceType === f.type) &&
					(!f.etat || e.state === f.etat)
			)
			.map((e) => e.groupId)
	);
	return entries.filter((e) => groups.has(e.groupId));
}

export function boardTable(campaign: Campaign, board: Board, entries: BoardEntry[]): ExportTable {
	return {
		title: `Collecte ${campaign.periodLabel}`,
		columns: [
			{ header: 'Groupe' },
			{ header: 'Type d’instance' },
			{ header: 'Communes' },
			{ header: 'Fichier' },
			{ header: 'État' },
			{ header: 'Version', kind: 'count' },
			{ header: 'Premier envoi' },
			{ header: 'Dernier envoi' },
			{ header: 'Relances' }
		],
		rows: entries.map((e) => [
			e.groupName,
			INSTANCE_TYPES.labels[e.instanceType as keyof typeof INSTANCE_TYPES.labels] ?? e.instanceType,
			e.communes.map((c) => c.nom).join(', '),
			KIND_LABELS[e.kind as Kind],
			STATE_LABELS[e.state],
			e.version,
			e.firstAt?.slice(0, 10) ?? null,
			e.lastAt?.slice(0, 10) ?? null,
			e.reminders.map((r) => STAGE_LABELS[r]).join(', ')
		]),
		notes: [
			`Échéance : ${formatDate(campaign.dueDate)}. ${plural(board.complete, 'groupe complet')} sur ${formatNumber(board.groups)}.`
		]
	};
}

// Local protocols (the protocol's second part, « précisant ses modalités d'application »): each
// group or commune records its application text, adoption date, limits of sharing, regulation of
// conflicts and usual meeting place. Versioned: saving adds version n + 1 and keeps every earlier
// one (the unique (scope, version) key makes two concurrent saves fail rather than share a number).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { FreeTextField } from '$contracts/free-text';
import type { Database, LocalProtocolTable } from '../db/schema';

type Db = Kysely<Database>;
export type ProtocolScope = { type: 'group' | 'commune'; id: string };

export interface LocalProtocol {
	version: number;
	texte: string;
	adoptedOn: string;
	limites: string;
	regulation: string;
	lieu: string;
	createdAt: string;
}

const long = (label: string) =>
	z
		.string()
		.trim()
		.min(10, `${label} : écrivez au moins une phrase.`)
		.max(20_000, `${label} : 20 000 caractères au plus.`);

export const protocolSchema = z.object({
	texte: long('Modalités d’application'),
	adopted_on: z.iso
		.date({ error: 'Indiquez la date d’adoption (jour, mois, année).' })
		.refine(
			(d) => d >= '2005-02-15' && d <= new Date().toISOString().slice(0, 10),
			'La date d’adoption doit être passée et postérieure au protocole départemental (15 février 2005).'
		),
	limites: long('Limites du partage'),
	regulation: long('Régulation des conflits'),
	lieu: z
		.string()
		.trim()
		.min(2, 'Indiquez le lieu habituel de réunion.')
		.max(300, 'Le lieu de réunion : 300 caractères au plus.')
});
export type ProtocolInput = z.infer<typeof protocolSchema>;

export const PROTOCOL_FIELDS: { name: keyof ProtocolInput; label: string }[] = [
	{ name: 'texte', label: 'Modalités d’application' },
	{ name: 'limites', label: 'Limites du partage' },
	{ name: 'regulation', label: 'Régulation des conflits' },
	{ name: 'lieu', label: 'Lieu habituel de réunion' }
];

/** The typed fields as the identifier scan reads them (label = the field named in the report). */
export function protocolTextFields(input: ProtocolInput): FreeTextField[] {
	return PROTOCOL_FIELDS.map((f) => ({ name: f.label, value: input[f.name] }));
}

function toProtocol(
	r: Pick<
		LocalProtocolTable,
		'version' | 'texte' | 'adopted_on' | 'limites' | 'regulation' | 'lieu' | 'created_at'
	>
): LocalProtocol {
	return {
		version: r.version,
		texte: r.texte,
		adoptedOn: r.adopted_on,
		limites: r.limites,
		regulation: r.regulation,
		lieu: r.lieu,
		createdAt: r.created_at
	};
}

/** Every version of a scope's local protocol, newest first. */
export async function protocolVersions(db: Db, scope: ProtocolScope): Promise<LocalProtocol[]> {
	const rows = await db
		.selectFrom('local_protocols')
		.selectAll()
		.where('scope_type', '=', scope.type)
		.where('scope_id', '=', scope.id)
		.orderBy('version', 'desc')
		.execute();
	return rows.map(toProtocol);
}

/** Records a new version; returns its number. Earlier versions are never changed. */
export async function saveProtocol(
	db: Db,
	scope: ProtocolScope,
	input: ProtocolInput,
	actorId: string | null
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const last = await trx
			.selectFrom('local_protocols')
			.select((eb) => eb.fn.max('version').as('v'))
			.where('scope_type', '=', scope.type)
			.where('scope_id', '=', scope.id)
			.executeTakeFirst();
		const version = Number(last?.v ?? 0) + 1;
		await trx
			.insertInto('local_protocols')
			.values({
				id: randomUUID(),
				scope_type: scope.type,
				scope_id: scope.id,
				version,
				texte: input.texte,
				adopted_on: input.adopted_on,
				limites: input.limites,
				regulation: input.regulation,
				lieu: input.lieu,
				created_by: actorId,
				created_at: new Date().toISOString()
			})
			.execute();
		return version;
	});
}

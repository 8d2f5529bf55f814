// Deployment settings kept in the `settings` table (organisation name, disclosure threshold k,
// protection width), falling back to the environment's defaults. k is never below 3, the width
// never below 2.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from './db/schema';
import { config } from './config';
import { dataChanged } from './events';

export const MIN_THRESHOLD = 3;
export const DEFAULT_THRESHOLD = 5;
export const MIN_WIDTH = 2;

export interface Settings {
	organisationName: string;
	disclosureThreshold: number;
	/** Smallest width of the interval an intruder can derive for a hidden small count. */
	protectionWidth: number;
}

const KEYS = {
	organisationName: 'organisation_name',
	disclosureThreshold: 'disclosure_threshold',
	protectionWidth: 'protection_width'
} as const;

export const settingsSchema = z.object({
	organisationName: z
		.string()
		.trim()
		.min(2, 'Le nom de l’organisation doit contenir au moins 2 caractères.')
		.max(200, 'Le nom de l’organisation ne doit pas dépasser 200 caractères.'),
	disclosureThreshold: z.coerce
		.number({ error: 'Le seuil doit être un nombre entier.' })
		.int('Le seuil doit être un nombre entier.')
		.min(MIN_THRESHOLD, `Le seuil de secret ne peut pas être inférieur à ${MIN_THRESHOLD}.`)
		.max(100, 'Le seuil de secret ne peut pas dépasser 100.'),
	protectionWidth: z.coerce
		.number({ error: 'La largeur doit être un nombre entier.' })
		.int('La largeur doit être un nombre entier.')
		.min(MIN_WIDTH, `La largeur de protection ne peut pas être inférieure à ${MIN_WIDTH}.`)
		.max(20, 'La largeur de protection ne peut pas dépasser 20.')
		.default(MIN_WIDTH)
});

export async function getSettings(db: Kysely<Database>): Promise<Settings> {
	const rows = await db
		.selectFrom('settings')
		.select(['key', 'value'])
		.where('key', 'in', Object.values(KEYS))
		.execute();
	const get = (k: string) => rows.find((r) => r.key === k)?.value;
	const k = Number.parseInt(get(KEYS.disclosureThreshold) ?? '', 10);
	const width = Number.parseInt(get(KEYS.protectionWidth) ?? '', 10);
	return {
		organisationName: get(KEYS.organisationName) || config().organisationName,
		disclosureThreshold: Number.isInteger(k) && k >= MIN_THRESHOLD ? k : DEFAULT_THRESHOLD,
		protectionWidth: Number.isInteger(width) && width >= MIN_WIDTH ? width : MIN_WIDTH
	};
}

/** Saves validated settings; returns the keys whose value changed. */
export async function saveSettings(
	db: Kysely<Database>,
	next: Settings
): Promise<(keyof Settings)[]> {
	const parsed = settingsSchema.parse(next);
	const before = await getSettings(db);
	const changed = (Object.keys(KEYS) as (keyof Settings)[]).filter((k) => before[k] !== parsed[k]);
	for (const k of changed) {
		const value = String(parsed[k]);
		await db
			.insertInto('settings')
			.values({ key: KEYS[k], value })
			.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
			.execute();
	}
	// k is part of every release: this server stops serving its checked copies now.
	if (changed.length) dataChanged('settings');
	return changed;
}

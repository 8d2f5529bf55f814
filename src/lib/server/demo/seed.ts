// The demo department: Essonne's real communes with synthetic groups and three years of semester
// submissions, so a newcomer sees every page with data. Deterministic, labelled as demo, and
// written in ONE transaction: a crash mid-seed leaves nothing and the next start seeds again.
import type { Kysely, Transaction } from 'kysely';
import {
	INSTANCE_TYPES,
	type InstanceType,
	type Institution,
	type Problematique,
	type TabularKind
} from '$contracts/codes';
import {
	generateBilanText,
	generateRows,
	hashSeed,
	rng,
	rowsToCsv,
	validRows
} from '$contracts/generate';
import type { Database } from '../db/schema';
import { insertSubmission, type BilanContent } from '../submissions';
import { dataChanged } from '../events';
import { logger } from '../logger';
import { seedDemoAccounts } from '../auth/demo-accounts';
import { seedDemoCampaign } from '../departement/demo';
import { seedDemoLetters } from '../letters/demo';
import { seedDemoPlenary } from '../plenary/demo';
import { seedDemoCharters } from './charters';

export const DEMO_DEPARTEMENT = '91';
export const DEMO_SEED_KEY = 'demo_seeded';
export const DEMO_SEED_VERSION = '1';
export const DEMO_PERIODS = ['2023-S1', '2023-S2', '2024-S1', '2024-S2', '2025-S1', '2025-S2'];

export interface DemoGroup {
	id: string;
	name: string;
	instanceType: InstanceType;
	communes: string[];
	coordinator: Institution;
	members: Institution[];
	/** situations per semester, before noise */
	volume: number;
	profile: Partial<Record<Problematique, number>>;
}

const PROFILES: Record<InstanceType, Partial<Record<Problematique, number>>> = {
	cellule_veille_educative: {
		decrochage_scolaire: 8,
		absenteisme_scolaire: 9,
		difficultes_educatives: 7,
		violences_intrafamiliales: 2,
		conduites_a_risque: 2,
		sante_mentale: 1,
		autre: 1
	},
	commission_clspd: {
		troubles_tranquillite_publique: 6,
		delinquance: 6,
		conduites_a_risque: 4,
		addictions: 3,
		victimation: 2,
		violences_intrafamiliales: 2,
		logement: 1,
		autre: 1
	},
	cellule_veille_securite: {
		troubles_tranquillite_publique: 8,
		delinquance: 7,
		victimation: 3,
		logement: 2,
		addictions: 2,
		autre: 1
	},
	groupe_fiche_action_cls: {
		violences_intrafamiliales: 7,
		victimation: 4,
		sante_mentale: 3,
		logement: 2,
		autre: 1
	},
	cellule_gestion_crise: {
		troubles_tranquillite_publique: 6,
		delinquance: 3,
		victimation: 3,
		sante_mentale: 2,
		autre: 1
	}
};

const MEMBERS: Record<InstanceType, Institution[]> = {
	cellule_veille_educative: [
		'education_nationale',
		'commune',
		'conseil_departemental',
		'prevention_specialisee',
		'ccas',
		'sante'
	],
	commission_clspd: [
		'commune',
		'police_nationale',
		'police_municipale',
		'justice',
		'pjj',
		'prevention_specialisee',
		'bailleur',
		'education_nationale'
	],
	cellule_veille_securite: [
		'commune',
		'police_nationale',
		'police_municipale',
		'bailleur',
		'transport'
	],
	groupe_fiche_action_cls: [
		'commune',
		'justice',
		'conseil_departemental',
		'sante',
		'police_nationale',
		'ccas'
	],
	cellule_gestion_crise: [
		'commune',
		'police_nationale',
		'gendarmerie',
		'education_nationale',
		'sante',
		'bailleur'
	]
};

const COORDINATOR: Record<InstanceType, Institution> = {
	cellule_veille_educative: 'commune',
	commission_clspd: 'commune',
	cellule_veille_securite: 'police_municipale',
	groupe_fiche_action_cls: 'conseil_departemental',
	cellule_gestion_crise: 'commune'
};

const SHORT: Record<InstanceType, string> = {
	cellule_veille_educative: 'cve',
	commission_clspd: 'clspd',
	cellule_veille_securite: 'cvs',
	groupe_fiche_action_cls: 'cls',
	cellule_gestion_crise: 'crise'
};

/** [code, slug, instance types] of the demo communes; populations come from the reference data. */
const COMMUNE_GROUPS: [string, string, InstanceType[]][] = [
	[
		'91228',
		'evry-courcouronnes',
		[
			'cellule_veille_educative',
			'commission_clspd',
			'cellule_veille_securite',
			'groupe_fiche_action_cls',
			'cellule_gestion_crise'
		]
	],
	[
		'91174',
		'corbeil-essonnes',
		['cellule_veille_educative', 'commission_clspd', 'cellule_veille_securite']
	],
	['91377', 'massy', ['cellule_veille_educative', 'commission_clspd', 'groupe_fiche_action_cls']],
	['91589', 'savigny-sur-orge', ['cellule_veille_educative', 'commission_clspd']],
	['91549', 'sainte-genevieve-des-bois', ['cellule_veille_educative', 'commission_clspd']],
	['91687', 'viry-chatillon', ['cellule_veille_educative', 'cellule_veille_securite']],
	['91477', 'palaiseau', ['cellule_veille_educative', 'commission_clspd']],
	['91027', 'athis-mons', ['commission_clspd']],
	['91286', 'grigny', ['cellule_veille_educative', 'commission_clspd', 'cellule_gestion_crise']],
	['91521', 'ris-orangis', ['cellule_veille_educative', 'commission_clspd']],
	['91201', 'draveil', ['cellule_veille_educative']],
	['91223', 'etampes', ['cellule_veille_educative', 'commission_clspd']],
	['91692', 'les-ulis', ['cellule_veille_educative', 'cellule_veille_securite']],
	['91345', 'longjumeau', ['commission_clspd']],
	['91326', 'juvisy-sur-orge', ['cellule_veille_educative']],
	['91421', 'montgeron', ['commission_clspd']],
	['91657', 'vigneux-sur-seine', ['cellule_veille_educative', 'groupe_fiche_action_cls']],
	['91200', 'dourdan', ['commission_clspd']],
	['91021', 'arpajon', ['cellule_veille_educative']],
	['91386', 'mennecy', ['commission_clspd']],
	['91079', 'boissy-la-riviere', ['cellule_veille_educative']]
];

/** Intercommunal councils: several communes, one group. */
const INTERCOMMUNAL: { id: string; name: string; type: InstanceType; communes: string[] }[] = [
	{
		id: 'val-d-yerres-clspd',
		name: 'Commission du CISPD du Val d’Yerres',
		type: 'commission_clspd',
		communes: ['91691', '91114', '91215', '91514', '91097']
	},
	{
		id: 'sud-essonne-clspd',
		name: 'Commission du CISPD du Sud-Essonne (petites communes)',
		type: 'commission_clspd',
		communes: ['91145', '91067', '91526', '91544']
	}
];

export async function demoGroups(db: Kysely<Database>): Promise<DemoGroup[]> {
	const codes = [...COMMUNE_GROUPS.map(([c]) => c), ...INTERCOMMUNAL.flatMap((g) => g.communes)];
	const rows = await db
		.selectFrom('communes')
		.select(['code', 'nom', 'population'])
		.where('code', 'in', codes)
		.execute();
	const commune = new Map(rows.map((r) => [r.code, r]));
	const volumeFor = (type: InstanceType, population: number) => {
		const per =
			type === 'cellule_veille_educative' ? 1300 : type === 'commission_clspd' ? 1800 : 3500;
		return Math.max(1, Math.round(population / per));
	};
	const groups: DemoGroup[] = [];
	for (const [code, slug, types] of COMMUNE_GROUPS) {
		const c = commune.get(code);
		if (!c) throw new Error(`commune ${code} absente du référentiel`);
		for (const type of types) {
			groups.push({
				id: `${slug}-${SHORT[type]}`,
				name: `${INSTANCE_TYPES.labels[type]} — ${c.nom}`,
				instanceType: type,
				communes: [code],
				coordinator: COORDINATOR[type],
				members: MEMBERS[type],
				volume: volumeFor(type, c.population),
				profile: PROFILES[type]
			});
		}
	}
	for (const g of INTERCOMMUNAL) {
		const population = g.communes.reduce((s, c) => s + (commune.get(c)?.population ?? 0), 0);
		groups.push({
			id: g.id,
			name: g.name,
			instanceType: g.type,
			communes: g.communes,
			coordinator: COORDINATOR[g.type],
			members: MEMBERS[g.type],
			volume: volumeFor(g.type, population),
			profile: PROFILES[g.type]
		});
	}
	return groups;
}

const encoder = new TextEncoder();

function csvBytes(kind: TabularKind, rows: Record<string, string>[]): Uint8Array {
	return encoder.encode('\uFEFF' + [...rowsToCsv(kind, rows)].join(''));
}

function quartiersOf(group: DemoGroup): string[] {
	return group.communes
		.slice(0, 2)
		.map((c, i) => `QN${c.slice(0, 2).padStart(3, '0')}${c.slice(3, 5)}${'ABCM'[i]}`);
}

function uploadDate(period: string, offsetDays: number): Date {
	const [year, part] = period.split('-');
	const month = part === 'S1' ? 6 : 12;
	return new Date(Date.UTC(Number(year), month, 1 + offsetDays, 9, 30));
}

function parseBilan(text: string): BilanContent {
	const sections: Record<string, string[]> = {};
	let current = '';
	let institution = '';
	for (const line of text.split('\n')) {
		const heading = /^##\s+(.*)$/.exec(line);
		const inst = /^Institution du membre désigné\s*:\s*(\S+)/.exec(line);
		if (inst) institution = inst[1];
		else if (heading) current = heading[1];
		else if (current && line.trim()) (sections[current] ??= []).push(line.trim());
	}
	const get = (h: string) => (sections[h] ?? []).join('\n');
	return {
		institution_designee: institution,
		faits_marquants: get('Faits marquants'),
		difficultes: get('Difficultés'),
		bonnes_pratiques: get('Bonnes pratiques'),
		perspectives: get('Perspectives')
	};
}

export interface SeedStep {
	(trx: Transaction<Database>, groups: DemoGroup[]): Promise<void>;
}

/** Extra seeding steps (demo accounts, campaigns) registered by other modules; same transaction. */
export const extraSeedSteps: SeedStep[] = [];

async function seedGroups(trx: Transaction<Database>, groups: DemoGroup[]) {
	for (const g of groups) {
		await trx
			.insertInto('groups')
			.values({
				id: g.id,
				name: g.name,
				instance_type: g.instanceType,
				departement: DEMO_DEPARTEMENT,
				coordinator_institution: g.coordinator,
				member_institutions: JSON.stringify(g.members),
				demo: 1,
				created_at: '2023-01-15T09:00:00.000Z'
			})
			.execute();
		await trx
			.insertInto('group_communes')
			.values(g.communes.map((c) => ({ group_id: g.id, commune_code: c })))
			.execute();
	}
}

async function seedSubmissions(trx: Transaction<Database>, groups: DemoGroup[]) {
	let refOffset = 0;
	for (const g of groups) {
		for (const [pi, period] of DEMO_PERIODS.entries()) {
			const r = rng(hashSeed('demo', g.id, period));
			// A group grows a little each semester, with noise; small groups stay small.
			const size = Math.max(1, Math.round(g.volume * (0.8 + 0.06 * pi + r() * 0.3)));
			const common = {
				seed: hashSeed(g.id, period),
				period,
				problematiques: g.profile,
				quartiers: quartiersOf(g),
				institutions: g.members
			};
			const files: [TabularKind, Record<string, string>[]][] = [
				[
					'situations',
					[...generateRows('situations', { ...common, rows: size, refOffset, commentShare: 0.4 })]
				],
				['seances', [...generateRows('seances', { ...common, rows: 3 + Math.floor(r() * 4) })]],
				[
					'incidents',
					[...generateRows('incidents', { ...common, rows: 1 + Math.floor(r() * r() * 3) })]
				]
			];
			refOffset += size;
			for (const [kind, rows] of files) {
				const uploadedAt = uploadDate(period, 5 + Math.floor(r() * 40));
				await insertSubmission(trx, {
					groupId: g.id,
					kind,
					period,
					filename: `${g.id}-${kind}-${period}.csv`,
					bytes: csvBytes(kind, rows),
					rows: validRows(kind, rows),
					uploadedBy: null,
					actorLabel: 'démo',
					uploadedAt
				});
				// Some groups correct their situations file after sending it: a second version.
				if (kind === 'situations' && r() < 0.12) {
					const corrected = [
						...rows.map((row, i) =>
							i % 4 === 0 && row.statut === 'en_cours'
								? { ...row, evaluation: 'amelioration_partielle' }
								: row
						),
						...generateRows('situations', { ...common, seed: common.seed + 1, rows: 1, refOffset })
					];
					await insertSubmission(trx, {
						groupId: g.id,
						kind,
						period,
						filename: `${g.id}-${kind}-${period}-corrige.csv`,
						bytes: csvBytes(kind, corrected),
						rows: validRows(kind, corrected),
						uploadedBy: null,
						actorLabel: 'démo',
						uploadedAt: new Date(uploadedAt.getTime() + 9 * 86400000)
					});
					refOffset += 1;
				}
			}
			const text = generateBilanText(hashSeed(g.id, period), g.coordinator, g.name);
			await insertSubmission(trx, {
				groupId: g.id,
				kind: 'bilan',
				period,
				filename: `${g.id}-bilan-${period}.md`,
				bytes: encoder.encode(text),
				bilan: parseBilan(text),
				uploadedBy: null,
				actorLabel: 'démo',
				uploadedAt: uploadDate(period, 50)
			});
		}
	}
}

export async function isDemoSeeded(db: Kysely<Database>): Promise<boolean> {
	const row = await db
		.selectFrom('settings')
		.select('value')
		.where('key', '=', DEMO_SEED_KEY)
		.executeTakeFirst();
	return row?.value === DEMO_SEED_VERSION;
}

/** Seeds the demo department unless already complete. Returns true when it seeded. */
export async function seedDemo(db: Kysely<Database>): Promise<boolean> {
	if (await isDemoSeeded(db)) return false;
	const started = Date.now();
	const groups = await demoGroups(db);
	await db.transaction().execute(async (trx) => {
		await seedGroups(trx, groups);
		await seedSubmissions(trx, groups);
		await seedDemoAccounts(trx);
		await seedDemoCampaign(
			trx,
			groups.map((g) => g.id)
		);
		await seedDemoLetters(trx, groups);
		await seedDemoPlenary(trx, groups);
		await seedDemoCharters(trx, groups);
		for (const step of extraSeedSteps) await step(trx, groups);
		await trx
			.insertInto('settings')
			.values({ key: DEMO_SEED_KEY, value: DEMO_SEED_VERSION })
			.execute();
	});
	dataChanged('submissions');
	logger.info({ groups: groups.length, ms: Date.now() - started }, 'demo department seeded');
	return true;
}

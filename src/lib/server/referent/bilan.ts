// The qualitative bilan written in the form: drafts kept on the server while the referent writes
// (one per group and period, replaced on each save, deleted once sent), and the submission,
// validated again on the server with the contract's checks and stored as the canonical text.
import type { Kysely } from 'kysely';
import { BILAN_SECTIONS } from '$contracts/codes';
import { validateBilanForm, type BilanForm } from '$contracts/bilan';
import type { Report } from '$contracts/report';
import type { Database, Submission } from '../db/schema';
import { currentSubmission, storeSubmission } from '../submissions';
import { dataChanged } from '../events';

export const EMPTY_FORM: BilanForm = {
	institution: '',
	faits_marquants: '',
	difficultes: '',
	bonnes_pratiques: '',
	perspectives: ''
};

/** Keeps only the form's fields, as strings, each at most `max` characters. */
export function cleanForm(input: Record<string, unknown>, max = 20_000): BilanForm {
	const out = { ...EMPTY_FORM };
	for (const key of Object.keys(EMPTY_FORM) as (keyof BilanForm)[]) {
		const v = input[key];
		out[key] = typeof v === 'string' ? v.replace(/\r\n?/g, '\n').slice(0, max) : '';
	}
	out.institution = out.institution.trim();
	return out;
}

/** The form's fields for the free-text scan (the institution is scanned too: it is typed text). */
export const formFields = (form: BilanForm) =>
	(Object.keys(EMPTY_FORM) as (keyof BilanForm)[]).map((name) => ({ name, value: form[name] }));

/** The canonical text file of a bilan (the format documented on /contrat). */
export function formatBilanText(form: BilanForm): string {
	const lines = [`Institution du membre désigné : ${form.institution.trim()}`, ''];
	for (const s of BILAN_SECTIONS.codes)
		lines.push(`## ${BILAN_SECTIONS.labels[s]}`, form[s].trim(), '');
	return lines.join('\n');
}

export async function getDraft(
	db: Kysely<Database>,
	groupId: string,
	period: string
): Promise<{ form: BilanForm; updatedAt: string } | null> {
	const row = await db
		.selectFrom('bilan_drafts')
		.select(['content', 'updated_at'])
		.where('group_id', '=', groupId)
		.where('period', '=', period)
		.executeTakeFirst();
	if (!row) return null;
	return {
		form: cleanForm(JSON.parse(row.content) as Record<string, unknown>),
		updatedAt: row.updated_at
	};
}

export async function draftPeriods(db: Kysely<Database>, groupId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('bilan_drafts')
		.select('period')
		.where('group_id', '=', groupId)
		.execute();
	return rows.map((r) => r.period);
}

export async function saveDraft(
	db: Kysely<Database>,
	groupId: string,
	period: string,
	form: BilanForm,
	userId: string | null,
	now = new Date()
): Promise<string> {
	const at = now.toISOString();
	const content = JSON.stringify(form);
	await db
		.insertInto('bilan_drafts')
		.values({ group_id: groupId, period, content, updated_by: userId, updated_at: at })
		.onConflict((oc) =>
			oc
				.columns(['group_id', 'period'])
				.doUpdateSet({ content, updated_by: userId, updated_at: at })
		)
		.execute();
	return at;
}

export type BilanOutcome =
	| { kind: 'refused'; report: Report }
	| { kind: 'duplicate'; submission: Submission }
	| { kind: 'stored'; submission: Submission };

export async function submitBilan(
	db: Kysely<Database>,
	input: {
		groupId: string;
		period: string;
		form: BilanForm;
		actorId: string | null;
		actorLabel: string | null;
		ip: string | null;
	}
): Promise<BilanOutcome> {
	const report = validateBilanForm(input.form);
	if (!report.ok) return { kind: 'refused', report };
	const text = formatBilanText(input.form);
	const stored = await storeSubmission(db, {
		groupId: input.groupId,
		kind: 'bilan',
		period: input.period,
		filename: `bilan-${input.groupId}-${input.period}.txt`,
		bytes: new TextEncoder().encode(text),
		bilan: {
			institution_designee: input.form.institution,
			faits_marquants: input.form.faits_marquants.trim(),
			difficultes: input.form.difficultes.trim(),
			bonnes_pratiques: input.form.bonnes_pratiques.trim(),
			perspectives: input.form.perspectives.trim()
		},
		uploadedBy: input.actorId,
		actorLabel: input.actorLabel,
		ip: input.ip
	});
	await db
		.deleteFrom('bilan_drafts')
		.where('group_id', '=', input.groupId)
		.where('period', '=', input.period)
		.execute();
	if (stored.duplicate) return { kind: 'duplicate', submission: stored.submission };
	dataChanged('submissions');
	return { kind: 'stored', submission: stored.submission };
}

/** The current bilan of a period as form fields (to start a new version from it). */
export async function currentBilanForm(
	db: Kysely<Database>,
	groupId: string,
	period: string
): Promise<BilanForm | null> {
	const current = await currentSubmission(db, groupId, 'bilan', period);
	if (!current) return null;
	const row = await db
		.selectFrom('bilan_rows')
		.selectAll()
		.where('submission_id', '=', current.id)
		.executeTakeFirst();
	if (!row) return null;
	return {
		institution: row.institution_designee,
		faits_marquants: row.faits_marquants,
		difficultes: row.difficultes,
		bonnes_pratiques: row.bonnes_pratiques,
		perspectives: row.perspectives
	};
}

// The qualitative bilan form: a draft saved on the server while writing (`brouillon`), and the
// submission (`envoyer`), checked again here with the contract's bilan rules before it is stored.
// A draft holding a personal identifier is refused too: nothing typed is stored unscanned.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { INSTITUTIONS } from '$contracts/codes';
import { auditEvent, clientAddress } from '$lib/server/audit/audit-event';
import { currentSubmission } from '$lib/server/submissions';
import { referentContext } from '$lib/server/referent/context';
import {
	cleanForm,
	currentBilanForm,
	formFields,
	EMPTY_FORM,
	getDraft,
	saveDraft,
	submitBilan
} from '$lib/server/referent/bilan';
import { loadGroup } from '$lib/server/referent/home';
import { refuseIdentifiers } from '$lib/server/free-text';
import { presentationDates } from '$lib/server/plenary/sessions';
import type { Actions, PageServerLoad } from './$types';

const text = z.string().max(20_000, 'Texte trop long : 20 000 caractères au plus par section.');
const formSchema = z.object({
	institution: z.string().max(100).default(''),
	faits_marquants: text.default(''),
	difficultes: text.default(''),
	bonnes_pratiques: text.default(''),
	perspectives: text.default('')
});

async function parse(request: Request) {
	const data = Object.fromEntries(await request.formData());
	return formSchema.safeParse(data);
}

export const load = (async (event) => {
	const { groupId, period } = referentContext(event, event.params);
	const db = event.locals.store.db;
	const [group, draft, current, sent, presented] = await Promise.all([
		loadGroup(db, groupId),
		getDraft(db, groupId, period),
		currentSubmission(db, groupId, 'bilan', period),
		currentBilanForm(db, groupId, period),
		presentationDates(db, [groupId], period)
	]);
	return {
		group: { id: group.id, name: group.name },
		period,
		form: draft?.form ?? sent ?? EMPTY_FORM,
		draftSavedAt: draft?.updatedAt ?? null,
		current: current ? { version: current.version, at: current.uploaded_at } : null,
		plenary: presented.get(groupId) ?? null,
		institutions: INSTITUTIONS.codes.map((c) => ({ code: c, label: INSTITUTIONS.labels[c] }))
	};
}) satisfies PageServerLoad;

export const actions = {
	brouillon: async (event) => {
		const { user, groupId, period } = referentContext(event, event.params);
		const parsed = await parse(event.request);
		if (!parsed.success)
			return fail(400, { action: 'brouillon', message: parsed.error.issues[0].message });
		const form = cleanForm(parsed.data);
		if (Object.values(form).every((v) => v.trim() === ''))
			return fail(400, {
				action: 'brouillon',
				message: 'Le brouillon est vide : rédigez au moins une section avant de l’enregistrer.'
			});
		await loadGroup(event.locals.store.db, groupId);
		const refused = await refuseIdentifiers(event, 'bilan', formFields(form), {
			action: 'brouillon',
			form
		});
		if (refused) return refused;
		const at = await saveDraft(event.locals.store.db, groupId, period, form, user.id);
		return { action: 'brouillon', savedAt: at };
	},
	envoyer: async (event) => {
		const { user, groupId, period } = referentContext(event, event.params);
		const parsed = await parse(event.request);
		if (!parsed.success)
			return fail(400, { action: 'envoyer', message: parsed.error.issues[0].message });
		const form = cleanForm(parsed.data);
		await loadGroup(event.locals.store.db, groupId);
		const outcome = await submitBilan(event.locals.store.db, {
			groupId,
			period,
			form,
			actorId: user.id,
			actorLabel: user.email,
			ip: clientAddress(event)
		});
		if (outcome.kind === 'refused') {
			await auditEvent(
				event,
				'upload.refused',
				{ group: groupId, kind: 'bilan', period, errors: outcome.report.errorsByCode ?? {} },
				{ type: 'group', id: groupId }
			);
			return fail(400, {
				action: 'envoyer',
				message: 'Le bilan n’a pas été envoyé : corrigez les points signalés.',
				report: outcome.report,
				form
			});
		}
		return {
			action: 'envoyer',
			version: outcome.submission.version,
			duplicate: outcome.kind === 'duplicate',
			message:
				outcome.kind === 'duplicate'
					? `Ce bilan a déjà été envoyé (version ${outcome.submission.version}) : rien n’a été ajouté.`
					: `Bilan envoyé : version ${outcome.submission.version} enregistrée.`
		};
	}
} satisfies Actions;

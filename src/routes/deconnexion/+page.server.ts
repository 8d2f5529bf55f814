import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { auditEvent } from '$lib/server/audit/audit-event';
import { clearSessionCookie, deleteSession } from '$lib/server/auth/sessions';

export const load = (async ({ locals }) => ({ signedIn: !!locals.user })) satisfies PageServerLoad;

// The site header posts here without an action name, hence the default action.
export const actions = {
	default: async (event) => {
		const { locals, cookies, url } = event;
		const session = locals.user?.sessionId ?? locals.pendingMfa?.sessionId;
		if (session) await deleteSession(locals.store.db, session);
		if (locals.user) await auditEvent(event, 'logout', null, { type: 'user', id: locals.user.id });
		clearSessionCookie(cookies, url.protocol === 'https:');
		redirect(303, '/connexion');
	}
} satisfies Actions;
